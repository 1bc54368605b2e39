#!/usr/bin/env python3
"""Writes kubeconform's standalone, strict JSON schemas of the Kubernetes kinds the chart uses,
from the OpenAPI document of the Kubernetes release (api/openapi-spec/swagger.json in the
k8s.io/kubernetes Go module): every $ref resolved inline, objects closed to unknown fields,
descriptions dropped, int-or-string and quantities accepting both forms, as kubeconform's own
published schemas do. Output: <kind>-<group>-<version>.json (core: <kind>-<version>.json),
the names kubeconform's -schema-location template {{ .ResourceKind }}{{ .KindSuffix }} gives.

usage: k8s-schemas.py swagger.json OUT_DIR Kind [Kind ...]
"""
import json
import sys

swagger_path, out_dir, *kinds = sys.argv[1:]
definitions = json.load(open(swagger_path))["definitions"]

SPECIAL = {
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
    "io.k8s.apimachinery.pkg.api.resource.Quantity": {"oneOf": [{"type": "string"}, {"type": "number"}]},
}


def resolve(node, seen=()):
    if isinstance(node, list):
        return [resolve(item, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].split("/")[-1]
        if name in SPECIAL:
            return SPECIAL[name]
        if name in seen:  # a recursive type (none in the kinds the chart uses): leave it open
            return {}
        return resolve(definitions[name], seen + (name,))
    out = {}
    for key, value in node.items():
        if key == "description" or key.startswith("x-kubernetes-") and key != "x-kubernetes-group-version-kind":
            continue
        out[key] = resolve(value, seen) if key != "properties" else {k: resolve(v, seen) for k, v in value.items()}
    if out.get("format") == "int-or-string":
        return SPECIAL["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


written = 0
for name, definition in definitions.items():
    for gvk in definition.get("x-kubernetes-group-version-kind", []):
        if gvk["kind"] not in kinds or ".pkg.apis." in name or name.startswith("io.k8s.apimachinery"):
            continue
        group = gvk["group"].split(".")[0]
        suffix = f"-{group}-{gvk['version']}" if group else f"-{gvk['version']}"
        schema = resolve(definition, (name,))
        schema.pop("x-kubernetes-group-version-kind", None)
        schema["$schema"] = "http://json-schema.org/schema#"
        with open(f"{out_dir}/{gvk['kind'].lower()}{suffix}.json", "w") as out:
            json.dump(schema, out, indent=1, sort_keys=True)
            out.write("\n")
        written += 1
print(f"{written} schemas of {len(kinds)} kinds", file=sys.stderr)

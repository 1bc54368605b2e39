/**
 * Lets plain `node` scripts (the stack CLI, benchmarks, examples) import the workspace libraries
 * by their `@gridledger/…` names, as the bundled services and the test runner already do: the
 * names resolve through tsconfig.base.json's `paths`, so there is one map and no copies.
 * Loaded with `node --import ./infra/stack/src/runtime/workspace-paths.ts`.
 */
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const { compilerOptions } = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
const paths = new Map(Object.entries(compilerOptions.paths).map(([name, [target]]) => [name, pathToFileURL(resolve(root, target ?? '')).href]));

registerHooks({
  resolve(specifier, context, nextResolve) {
    const target = paths.get(specifier);
    return target ? { url: target, shortCircuit: true } : nextResolve(specifier, context);
  },
});

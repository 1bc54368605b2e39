import { FabricCaError } from './fabric-ca-error.ts';
import { X509Certificate } from './peculiar-x509.ts';

/** The extension fabric-ca puts attributes into (lib/attrmgr). */
export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

/**
 * The attributes a Fabric CA wrote into a certificate, e.g. `{ 'gridledger.role': 'owner' }`;
 * empty when the certificate carries none. The extension value is bare JSON
 * `{"attrs":{...}}`, not wrapped in any further ASN.1.
 */
export function readCertificateAttributes(certificatePem: string): Record<string, string> {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    throw new FabricCaError('CA_INVALID_ARGUMENT', 'The certificate is not a readable PEM X.509 certificate.');
  }
  const extension = certificate.getExtension(FABRIC_ATTRIBUTES_OID);
  if (!extension) return {};
  return parseAttributesJson(Buffer.from(extension.value).toString('utf8'));
}

export function parseAttributesJson(json: string): Record<string, string> {
  const invalid = (): FabricCaError =>
    new FabricCaError('CA_INVALID_ARGUMENT', `The certificate's Fabric attribute extension (${FABRIC_ATTRIBUTES_OID}) is not {"attrs":{...}} JSON.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalid();
  }
  if (!isRecord(parsed)) throw invalid();
  // Go marshals an empty attribute map as null.
  const attrs = parsed['attrs'] ?? {};
  if (!isRecord(attrs)) throw invalid();
  const entries = Object.entries(attrs);
  if (entries.some(([, value]) => typeof value !== 'string')) throw invalid();
  // fromEntries defines own properties, so a name like "__proto__" cannot reach the prototype.
  return Object.fromEntries(entries) as Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

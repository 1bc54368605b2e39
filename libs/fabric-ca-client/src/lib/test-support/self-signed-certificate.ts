import { Extension, X509CertificateGenerator } from '../peculiar-x509.ts';
import type { Enrollment } from '../types.ts';

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A self-signed P-256 identity shaped like an enrollment, optionally carrying raw extensions. */
export async function selfSignedIdentity(commonName: string, extensions: { oid: string; value: Uint8Array }[] = []): Promise<Enrollment> {
  const subtle = globalThis.crypto.subtle;
  const keys = await subtle.generateKey(P256, true, ['sign', 'verify']);
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: '01',
      name: [{ CN: [commonName] }],
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 3_600_000),
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      keys,
      extensions: extensions.map((e) => new Extension(e.oid, false, e.value)),
    },
    globalThis.crypto,
  );
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const privateKeyPem = `-----BEGIN PRIVATE KEY-----\n${(pkcs8.match(/.{1,64}/g) ?? []).join('\n')}\n-----END PRIVATE KEY-----\n`;
  const certificatePem = certificate.toString('pem');
  return { certificatePem, privateKeyPem, caChainPem: certificatePem };
}

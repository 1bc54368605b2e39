import { Pkcs10CertificateRequestGenerator } from './peculiar-x509.ts';

export interface KeyAndCsr {
  csrPem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * A fresh ECDSA P-256 key and a CSR for it whose subject is just CN=<enrollmentId>:
 * the CA refuses an enroll request whose CSR common name differs from the enrollment ID,
 * and fills in the rest of the subject itself.
 */
export async function createKeyAndCsr(enrollmentId: string): Promise<KeyAndCsr> {
  const subtle = globalThis.crypto.subtle;
  const keys = await subtle.generateKey(P256, true, ['sign', 'verify']);
  const csr = await Pkcs10CertificateRequestGenerator.create(
    {
      // The structured form, not "CN=..." text, so an ID containing ',' '+' or '=' stays one CN.
      name: [{ CN: [enrollmentId] }],
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    },
    globalThis.crypto,
  );
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  return { csrPem: csr.toString('pem'), privateKeyPem: toPem(pkcs8, 'PRIVATE KEY') };
}

function toPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

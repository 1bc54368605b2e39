import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyAndCsr } from './csr.ts';
import { Pkcs10CertificateRequest } from './peculiar-x509.ts';

describe('key and CSR', () => {
  it('is a P-256 key in PKCS#8 and a CSR for it with CN = enrollment ID, signed ecdsa-with-SHA256', async () => {
    const { csrPem, privateKeyPem } = await createKeyAndCsr('alice@grid');

    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PRIVATE KEY-----\n$/);
    const key = createPrivateKey(privateKeyPem);
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');

    expect(csrPem).toContain('-----BEGIN CERTIFICATE REQUEST-----');
    const csr = new Pkcs10CertificateRequest(csrPem);
    expect(csr.subject).toBe('CN=alice@grid');
    expect(csr.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });
    expect(await csr.verify(globalThis.crypto)).toBe(true);

    const csrKeyDer = Buffer.from(csr.publicKey.rawData);
    expect(csrKeyDer.equals(createPublicKey(key).export({ type: 'spki', format: 'der' }))).toBe(true);
  });

  it('keeps an enrollment ID with DN syntax characters as one CN', async () => {
    const { csrPem } = await createKeyAndCsr('a,b+c=d');
    const csr = new Pkcs10CertificateRequest(csrPem);
    expect(csr.subjectName.getField('CN')).toEqual(['a,b+c=d']);
    expect(csr.subjectName.toJSON()).toHaveLength(1);
  });

  it('makes a new key every time', async () => {
    const [a, b] = await Promise.all([createKeyAndCsr('x'), createKeyAndCsr('x')]);
    expect(a.privateKeyPem).not.toBe(b.privateKeyPem);
  });
});


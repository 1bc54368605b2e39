// @peculiar/x509 loads tsyringe, which needs the Reflect metadata polyfill first
import 'reflect-metadata';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { X509CertificateGenerator } from '@peculiar/x509';

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A self-signed P-256 certificate and its key, made in-process: a stand-in for a user's Fabric identity. */
export async function throwawayIdentity(commonName: string): Promise<{ certificatePem: string; privateKey: KeyObject }> {
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
    },
    globalThis.crypto,
  );
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  return { certificatePem: certificate.toString('pem'), privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }) };
}

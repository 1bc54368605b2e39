import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A public key as the registry file holds it: an EC P-256 JWK, without the private part. */
export interface ServicePublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** A fresh ES256 key pair for a service: the private key as PKCS#8 PEM (its file), the public one as a JWK (the registry). */
export function generateServiceKeyPair(): { privateKeyPem: string; publicJwk: ServicePublicJwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y } = publicKey.export({ format: 'jwk' });
  if (!x || !y) throw new Error('node:crypto exported a P-256 public key without coordinates');
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicJwk: { kty: 'EC', crv: 'P-256', x, y } };
}

/** Whether a key is an EC key on P-256, the only curve ES256 uses. */
export const isP256 = (key: KeyObject): boolean => key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';

/** The private key in PEM, or undefined when the text is not a P-256 private key. */
export function parseP256PrivateKey(pem: string): KeyObject | undefined {
  try {
    const key = createPrivateKey(pem);
    return isP256(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

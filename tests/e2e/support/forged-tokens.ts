import { createHmac, generateKeyPairSync } from 'node:crypto';
import { exportJWK, SignJWT, type JWK } from 'jose';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The claims of a real token, read without checking it: what a forger starts from. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The forgeries a hostile client tries against ES256 tokens verified with a JWKS. */
export async function forgeries(real: string, jwks: { keys: JWK[] }): Promise<Record<string, string>> {
  const claims = claimsOf(real);
  const now = Math.floor(Date.now() / 1000);
  const [header, , signature] = real.split('.') as [string, string, string];
  const promoted = b64({ ...claims, role: 'regulator', org: 'RegulatorMSP' });
  const publicJwk = jwks.keys[0] ?? {};
  // HS256 with the server's public key as the secret: the classic algorithm confusion
  const hsHeader = b64({ alg: 'HS256', typ: 'JWT', kid: publicJwk.kid });
  const hsSecret = JSON.stringify(publicJwk);
  const hs256 = `${hsHeader}.${promoted}.${createHmac('sha256', hsSecret).update(`${hsHeader}.${promoted}`).digest('base64url')}`;
  // a key of the forger's own, offered in the header (jwk) or by URL (jku)
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ownJwk = { ...(await exportJWK(publicKey)), kid: 'forger' };
  const embedded = await new SignJWT({ ...claims, role: 'regulator' }).setProtectedHeader({ alg: 'ES256', jwk: ownJwk }).sign(privateKey);
  const jku = await new SignJWT({ ...claims, role: 'regulator' }).setProtectedHeader({ alg: 'ES256', kid: 'forger', jku: 'http://127.0.0.1:9/jwks.json' }).sign(privateKey);
  return {
    'alg:none': `${b64({ alg: 'none', typ: 'JWT' })}.${promoted}.`,
    'HS256 with the public key': hs256,
    'embedded jwk': embedded,
    'jku to a key of its own': jku,
    'expired (re-signed by the forger)': await new SignJWT({ ...claims, exp: now - 60 }).setProtectedHeader({ alg: 'ES256', kid: String(publicJwk.kid) }).sign(privateKey),
    'tampered payload, original signature': `${header}.${promoted}.${signature}`,
    'wrong audience (forger-signed)': await new SignJWT({ ...claims, aud: 'someone-else' }).setProtectedHeader({ alg: 'ES256', kid: String(publicJwk.kid) }).sign(privateKey),
  };
}

import { createPrivateKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FabricCaError } from './fabric-ca-error.ts';
import { normaliseDerSignatureToLowS } from './low-s-signature.ts';
import type { Enrollment } from './types.ts';

function base64(data: string | Uint8Array): string {
  return Buffer.from(data).toString('base64');
}

/**
 * The string the CA verifies (util.VerifyToken in fabric-ca): method, request URI, body and
 * certificate, each but the method base64-encoded, joined by dots.
 */
export function authTokenPayload(method: string, uri: string, body: string | Uint8Array, certificatePem: string): string {
  return `${method}.${base64(uri)}.${base64(body)}.${base64(certificatePem)}`;
}

/**
 * `Authorization` header value for the CA's token-authenticated endpoints:
 * `<base64 certificate PEM>.<base64 DER ECDSA-SHA256 signature with low S>`.
 */
export function createAuthToken(signer: Enrollment, method: string, uri: string, body: string | Uint8Array): string {
  const key = loadP256PrivateKey(signer.privateKeyPem);
  const payload = authTokenPayload(method, uri, body, signer.certificatePem);
  const signature = normaliseDerSignatureToLowS(sign('sha256', Buffer.from(payload), { key, dsaEncoding: 'der' }));
  return `${base64(signer.certificatePem)}.${signature.toString('base64')}`;
}

function loadP256PrivateKey(privateKeyPem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    // The underlying error is dropped on purpose: it is about key material.
    throw new FabricCaError('CA_INVALID_ARGUMENT', 'The registrar private key is not a readable PEM private key.');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new FabricCaError('CA_INVALID_ARGUMENT', 'The registrar private key must be an ECDSA P-256 key.');
  }
  return key;
}

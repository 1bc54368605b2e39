import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authTokenPayload, createAuthToken } from './auth-token.ts';
import { FabricCaError } from './fabric-ca-error.ts';
import { decodeDerSignature, isLowS } from './low-s-signature.ts';
import { selfSignedIdentity } from './test-support/self-signed-certificate.ts';

describe('auth token payload', () => {
  it('is method, then base64 of URI, body and certificate PEM, joined by dots', () => {
    expect(authTokenPayload('POST', '/api/v1/register', '{"id":"alice"}', 'CERT')).toBe(
      'POST.L2FwaS92MS9yZWdpc3Rlcg==.eyJpZCI6ImFsaWNlIn0=.Q0VSVA==',
    );
  });

  it('encodes an empty body as an empty segment, as Go does', () => {
    expect(authTokenPayload('GET', '/api/v1/x', Buffer.alloc(0), 'C')).toBe('GET.L2FwaS92MS94..Qw==');
  });

  it('encodes bytes as given, so the signed body is exactly the sent body', () => {
    const body = Buffer.from('{"id":"zoë"}', 'utf8');
    expect(authTokenPayload('POST', '/u', body, 'C').split('.')[2]).toBe(body.toString('base64'));
  });
});

describe('auth token', () => {
  it('is <base64 cert PEM>.<base64 DER low-S ECDSA-SHA256 signature of the payload>', async () => {
    const registrar = await selfSignedIdentity('admin');
    const publicKey = createPublicKey(registrar.certificatePem);
    const body = Buffer.from('{"id":"alice","type":"client"}');
    // Raw ECDSA gives a high S half of the time; 32 tokens make an unnormalised one near certain.
    for (let i = 0; i < 32; i++) {
      const token = createAuthToken(registrar, 'POST', '/api/v1/register', body);
      const [b64cert, b64sig, ...rest] = token.split('.');
      expect(rest).toEqual([]);
      expect(Buffer.from(b64cert ?? '', 'base64').toString('utf8')).toBe(registrar.certificatePem);
      const signature = Buffer.from(b64sig ?? '', 'base64');
      expect(isLowS(decodeDerSignature(signature).s)).toBe(true);
      const payload = Buffer.from(authTokenPayload('POST', '/api/v1/register', body, registrar.certificatePem));
      expect(verify('sha256', payload, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    }
  });

  it('refuses a private key it cannot read without quoting it', async () => {
    const registrar = await selfSignedIdentity('admin');
    const broken = { ...registrar, privateKeyPem: '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----\n' };
    const attempt = (): string => createAuthToken(broken, 'POST', '/api/v1/register', '{}');
    expect(attempt).toThrow(FabricCaError);
    expect(attempt).toThrow(/not a readable PEM private key/);
    try {
      attempt();
    } catch (error) {
      expect((error as FabricCaError).code).toBe('CA_INVALID_ARGUMENT');
      expect((error as Error).message).not.toContain('c2VjcmV0');
    }
  });
});

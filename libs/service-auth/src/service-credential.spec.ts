import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { argumentsDigest, type AttestedCall } from './attestation.ts';
import { loadServiceCredential, ServiceCredential } from './service-credential.ts';
import { generateServiceKeyPair } from './service-key-pair.ts';

const pair = generateServiceKeyPair();
const files: Record<string, string> = {
  '/keys/ledger.pem': pair.privateKeyPem,
  '/keys/p384.pem': generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  '/keys/public.pem': generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' }).toString(),
};
const read = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

const call: AttestedCall = {
  commandId: '6f1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d',
  userId: '0b8f3c1e-5a8e-4c43-9d0a-7f2f7d1f0a11',
  mspId: null,
  channel: 'gridledger',
  chaincode: 'gridledger',
  contract: 'access',
  transaction: 'ApproveRequest',
  arguments: ['req-1', 'fine'],
};

describe('loadServiceCredential', () => {
  it('reads a PKCS#8 P-256 key whose public half is the generated JWK', () => {
    const credential = loadServiceCredential('ledger', '/keys/ledger.pem', read);
    expect(credential.name).toBe('ledger');
    expect(credential.publicKey().export({ format: 'jwk' })).toMatchObject(pair.publicJwk);
  });

  it('stops with one sentence naming the file when it is missing or not a P-256 private key', () => {
    expect(() => loadServiceCredential('ledger', '/keys/none.pem', read)).toThrow('The private key file /keys/none.pem of ledger cannot be read (ENOENT).');
    for (const file of ['/keys/p384.pem', '/keys/public.pem']) {
      expect(() => loadServiceCredential('ledger', file, read)).toThrow(`The private key file ${file} of ledger does not hold an EC P-256 private key in PEM.`);
    }
    expect(() => ServiceCredential.fromPem('ledger', 'not a key')).toThrow('not an EC P-256 key');
  });
});

describe('ServiceCredential.token', () => {
  it('mints an ES256 service token for one audience, valid 120 s', async () => {
    const token = await ServiceCredential.fromPem('ledger', pair.privateKeyPem, () => 1_800_000_000_000).token('identity');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', typ: 'gridledger-service+jwt' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: 'ledger', sub: 'ledger', aud: 'identity', iat: 1_800_000_000, exp: 1_800_000_120 });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reuses a token until 30 s before it expires, per audience', async () => {
    let now = 1_800_000_000_000;
    const credential = ServiceCredential.fromPem('ledger', pair.privateKeyPem, () => now);
    const first = await credential.token('identity');
    now += 89_000;
    expect(await credential.token('identity')).toBe(first);
    expect(await credential.token('storage')).not.toBe(first);
    now += 1_000;
    const second = await credential.token('identity');
    expect(second).not.toBe(first);
    expect(decodeJwt(second).iat).toBe(1_800_000_090);
  });
});

describe('ServiceCredential.attest', () => {
  it('signs the call: signer, command, channel, chaincode, function and a digest of the arguments', async () => {
    const jws = await ServiceCredential.fromPem('access-policy', pair.privateKeyPem, () => 1_800_000_000_000).attest(call);
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'ES256', typ: 'gridledger-attestation+jwt' });
    expect(decodeJwt(jws)).toEqual({
      iss: 'access-policy',
      sub: call.userId,
      cmd: call.commandId,
      ch: 'gridledger',
      cc: 'gridledger',
      fn: 'access:ApproveRequest',
      args: argumentsDigest(['req-1', 'fine']),
      iat: 1_800_000_000,
      exp: 1_800_000_120,
    });
  });

  it("names an organisation's identity as msp:<mspId>, and takes another validity", async () => {
    const jws = await ServiceCredential.fromPem('access-policy', pair.privateKeyPem, () => 1_800_000_000_000).attest({ ...call, userId: null, mspId: 'GridMSP', transaction: 'ExpireRequest' }, 5);
    expect(decodeJwt(jws)).toMatchObject({ sub: 'msp:GridMSP', exp: 1_800_000_005 });
  });

  it('refuses a call without a signer, and a validity out of range', async () => {
    const credential = ServiceCredential.fromPem('storage', pair.privateKeyPem);
    await expect(credential.attest({ ...call, userId: null })).rejects.toThrow('names a user (userId) or an organisation (mspId)');
    await expect(credential.attest(call, 0)).rejects.toThrow(RangeError);
    await expect(credential.attest(call, 601)).rejects.toThrow(RangeError);
  });

  it('digests arguments by their JSON array, so splitting or joining arguments changes the digest', () => {
    expect(argumentsDigest(['a', 'b'])).not.toBe(argumentsDigest(['a,b']));
    expect(argumentsDigest(['ab'])).not.toBe(argumentsDigest(['a', 'b']));
    expect(argumentsDigest([])).toMatch(/^[\w-]{43}$/);
  });
});

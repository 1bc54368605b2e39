import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { argumentsDigest, AttestationError, verifyAttestation, verifyAttestationOnReceipt, type AttestedCall, type ExpectedCall } from './attestation.ts';
import { ServiceCredential } from './service-credential.ts';
import { generateServiceKeyPair } from './service-key-pair.ts';
import { ServiceKeyRegistry } from './service-key-registry.ts';

const pairs = { storage: generateServiceKeyPair(), 'access-policy': generateServiceKeyPair(), audit: generateServiceKeyPair(), ledger: generateServiceKeyPair(), operator: generateServiceKeyPair() };
const registry = ServiceKeyRegistry.fromJwks(Object.fromEntries(Object.entries(pairs).map(([name, pair]) => [name, pair.publicJwk])));
const as = (name: keyof typeof pairs, now?: () => number) => ServiceCredential.fromPem(name, pairs[name].privateKeyPem, now);

const user = '0b8f3c1e-5a8e-4c43-9d0a-7f2f7d1f0a11';
const call: AttestedCall = {
  commandId: '6f1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d',
  userId: user,
  mspId: 'GridMSP',
  channel: 'gridledger',
  chaincode: 'gridledger',
  contract: 'access',
  transaction: 'ApproveRequest',
  arguments: ['req-1', 'looks fine'],
};
const { commandId: _commandId, ...expected } = call;
const verify = (jws: string | undefined, against: ExpectedCall = expected, now?: Date) => verifyAttestation(jws, against, { registry, ...(now ? { now } : {}) });

async function refusal(promise: Promise<unknown>): Promise<AttestationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AttestationError);
  return error as AttestationError;
}

describe('verifyAttestation', () => {
  it('accepts an attestation of exactly this call by a service that may attest it', async () => {
    const jws = await as('access-policy').attest(call);
    await expect(verify(jws)).resolves.toEqual({ service: 'access-policy', commandId: call.commandId });
    await expect(verify(jws, { ...expected, commandId: call.commandId })).resolves.toMatchObject({ service: 'access-policy' });
  });

  it("accepts an organisation's identity attested for what the table allows", async () => {
    const expire: AttestedCall = { ...call, userId: null, transaction: 'ExpireRequest', arguments: ['req-1'] };
    await expect(verify(await as('access-policy').attest(expire), expire)).resolves.toMatchObject({ service: 'access-policy' });
  });

  it('refuses a missing, malformed or foreign attestation as NOT_ATTESTED', async () => {
    expect(await refusal(verify(undefined))).toMatchObject({ code: 'NOT_ATTESTED', message: 'no attestation was given for access:ApproveRequest' });
    expect(await refusal(verify('not.a.jws'))).toMatchObject({ code: 'NOT_ATTESTED' });
    const stranger = ServiceCredential.fromPem('access-policy', generateServiceKeyPair().privateKeyPem);
    expect(await refusal(verify(await stranger.attest(call)))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation is not validly signed or not well formed' });
    const web = ServiceCredential.fromPem('web-entry', generateServiceKeyPair().privateKeyPem);
    expect(await refusal(verify(await web.attest(call)))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation is not from a known service' });
  });

  it('refuses a service token in place of an attestation', async () => {
    const token = await as('access-policy').token('identity');
    expect(await refusal(verify(token))).toMatchObject({ code: 'NOT_ATTESTED' });
  });

  it('names what does not match: signer, channel, chaincode, function, arguments, command', async () => {
    const jws = await as('access-policy').attest(call);
    const cases: [Partial<ExpectedCall>, string][] = [
      [{ userId: '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11' }, 'the attestation is for another signer than user 7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11'],
      [{ userId: null }, "the attestation is for another signer than GridMSP's identity"],
      [{ channel: 'other' }, 'the attestation is for another channel than other'],
      [{ chaincode: 'other' }, 'the attestation is for another chaincode than other'],
      [{ transaction: 'RejectRequest' }, 'the attestation is for another function than access:RejectRequest'],
      [{ contract: 'asset' }, 'the attestation is for another function than asset:ApproveRequest'],
      [{ arguments: ['req-2', 'looks fine'] }, 'the attestation covers other arguments than those of this access:ApproveRequest'],
      [{ arguments: ['req-1', 'looks fine', 'extra'] }, 'the attestation covers other arguments than those of this access:ApproveRequest'],
      [{ commandId: '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11' }, 'the attestation is for another command than 7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11'],
    ];
    for (const [change, message] of cases) expect(await refusal(verify(jws, { ...expected, ...change }))).toMatchObject({ code: 'NOT_ATTESTED', message });
    expect(await refusal(verify(jws, { ...expected, userId: null, mspId: null }))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the call names neither a user nor an organisation to sign for' });
  });

  it('refuses an expired attestation and one not valid yet', async () => {
    const jws = await as('access-policy').attest(call, 1);
    expect(await refusal(verify(jws, expected, new Date(Date.now() + 2_000)))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation has expired' });
    const future = await as('access-policy', () => Date.now() + 60_000).attest(call);
    expect(await refusal(verify(future))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation is not valid yet' });
  });

  it('refuses an attestation that expired after it was accepted once (its signature is checked once, its expiry every time)', async () => {
    const jws = await as('access-policy').attest(call, 1);
    expect(await verify(jws, expected)).toMatchObject({ service: 'access-policy' });
    expect(await verify(jws, expected)).toMatchObject({ service: 'access-policy' });
    expect(await refusal(verify(jws, expected, new Date(Date.now() + 2_000)))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation has expired' });
    // accepted before, it is still checked against this call
    expect(await refusal(verify(jws, { ...expected, channel: 'other' }))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation is for another channel than other' });
  });

  it('refuses an attestation valid for longer than any may be', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: 'access-policy', sub: user, cmd: call.commandId, ch: 'gridledger', cc: 'gridledger', fn: 'access:ApproveRequest', args: argumentsDigest(call.arguments), iat: now, exp: now + 3600 };
    const long = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'gridledger-attestation+jwt' }).sign(createPrivateKey(pairs['access-policy'].privateKeyPem));
    expect(await refusal(verify(long))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation is valid for longer than the 600 s an attestation may be' });
  });

  it('refuses, as NOT_PERMITTED, a well-attested call its service may not attest', async () => {
    expect(await refusal(verify(await as('storage').attest(call)))).toMatchObject({ code: 'NOT_PERMITTED', message: 'the storage service may not attest access:ApproveRequest for a user' });
    expect(await refusal(verify(await as('ledger').attest(call)))).toMatchObject({ code: 'NOT_PERMITTED' });
    const register = { ...call, userId: null, contract: 'asset', transaction: 'RegisterAsset' };
    expect(await refusal(verify(await as('storage').attest(register), register))).toMatchObject({ code: 'NOT_PERMITTED', message: "the storage service may not attest asset:RegisterAsset for an organisation's identity" });
  });

  it('lets the operator attest the liveness ping and nothing else', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: 'operator', sub: user, cmd: call.commandId, ch: 'gridledger', cc: 'gridledger', fn: 'access:ApproveRequest', args: argumentsDigest(call.arguments), iat: now, exp: now + 60 };
    const jws = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'gridledger-attestation+jwt' }).sign(createPrivateKey(pairs.operator.privateKeyPem));
    expect(await refusal(verify(jws))).toMatchObject({ code: 'NOT_PERMITTED', message: 'the operator may not attest access:ApproveRequest for a user' });
    const ping = { ...call, contract: 'system', transaction: 'Ping', arguments: ['hello'] };
    await expect(verify(await as('operator').attest(ping), ping)).resolves.toMatchObject({ service: 'operator' });
  });

  it('lets a reader service attest a query for a user', async () => {
    const query = { ...call, transaction: 'GetRequest', arguments: ['req-1'] };
    await expect(verify(await as('audit').attest(query), query)).resolves.toMatchObject({ service: 'audit' });
    expect(await refusal(verify(await as('ledger').attest(query), query))).toMatchObject({ code: 'NOT_PERMITTED' });
  });
});

describe('verifyAttestationOnReceipt', () => {
  const receipt = (jws: string, who: { userId: string; commandId: string } = { userId: user, commandId: call.commandId }, now?: Date) => verifyAttestationOnReceipt(jws, who, { registry, ...(now ? { now } : {}) });

  it('accepts a valid attestation of this command for this user, and names its service', async () => {
    expect(await receipt(await as('access-policy').attest(call))).toEqual({ service: 'access-policy' });
  });

  it('refuses one for another user or another command, an expired one and a stranger\'s', async () => {
    const jws = await as('access-policy').attest(call, 1);
    expect(await refusal(receipt(jws, { userId: '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11', commandId: call.commandId }))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation is for another signer than user 7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11' });
    expect(await refusal(receipt(jws, { userId: user, commandId: '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11' }))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation is for another command than 7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11' });
    expect(await refusal(receipt(jws, undefined, new Date(Date.now() + 2_000)))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation has expired' });
    const stranger = ServiceCredential.fromPem('storage', generateServiceKeyPair().privateKeyPem);
    expect(await refusal(receipt(await stranger.attest(call)))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation is not validly signed or not well formed' });
  });

  it('lets the whole call be verified later as of the receipt, after the attestation has expired', async () => {
    const jws = await as('access-policy').attest(call, 1);
    const receivedAt = new Date();
    await receipt(jws);
    expect(await refusal(verify(jws, expected, new Date(Date.now() + 2_000)))).toMatchObject({ message: 'the attestation has expired' });
    expect(await verify(jws, expected, receivedAt)).toMatchObject({ service: 'access-policy' });
  });
});

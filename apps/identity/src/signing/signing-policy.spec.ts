import { generateServiceKeyPair, ServiceCredential, ServiceKeyRegistry, type AttestedCall, type DecodedCall } from '@gridledger/service-auth';
import { describe, expect, it } from 'vitest';
import { decideSigning, type SigningKind, type SigningProof, type SigningUser } from './signing-policy.ts';

const services = ['storage', 'access-policy', 'audit', 'ledger'] as const;
const pairs = Object.fromEntries(services.map((name) => [name, generateServiceKeyPair()])) as Record<(typeof services)[number], ReturnType<typeof generateServiceKeyPair>>;
const registry = ServiceKeyRegistry.fromJwks(Object.fromEntries(services.map((name) => [name, pairs[name].publicJwk])));
const as = (name: (typeof services)[number]) => ServiceCredential.fromPem(name, pairs[name].privateKeyPem);

const user: SigningUser = { id: '0b8f3c1e-5a8e-4c43-9d0a-7f2f7d1f0a11', mspId: 'GridMSP', certificatePem: '-----BEGIN CERTIFICATE-----\nalice\n-----END CERTIFICATE-----\n', status: 'active' };
const otherUser = '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11';
const commandId = '6f1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d';
const approve: DecodedCall = {
  channel: 'gridledger',
  txId: 'tx-1',
  creatorMspId: user.mspId,
  creatorCertificatePem: user.certificatePem,
  chaincode: 'gridledger',
  contract: 'access',
  transaction: 'ApproveRequest',
  arguments: ['req-1', 'looks fine'],
  commandId: null,
};
const query: DecodedCall = { ...approve, contract: 'settlement', transaction: 'GetAccount', arguments: [user.id] };

/** The attestation a service would make for the command these bytes carry out. */
const attestation = (service: (typeof services)[number], call: DecodedCall, changes: Partial<AttestedCall> = {}, validity?: number) =>
  as(service).attest({ commandId, userId: user.id, mspId: null, channel: call.channel, chaincode: call.chaincode, contract: call.contract, transaction: call.transaction, arguments: call.arguments, ...changes }, validity);

// access tokens are checked by the service itself; here a token is valid when it names its user
const context = { registry, accessTokenSubject: async (token: string) => (token.startsWith('token-of:') ? token.slice('token-of:'.length) : null) };
const decide = (kind: SigningKind, call: DecodedCall, proof: SigningProof, who: SigningUser = user, now?: Date) => decideSigning(kind, call, who, proof, { ...context, ...(now ? { now } : {}) });

describe('decideSigning', () => {
  it("signs a command's proposal and transaction on an attestation the table allows", async () => {
    const proof = { commandId, attestation: await attestation('access-policy', approve) };
    expect(await decide('proposal', approve, proof)).toEqual({ allowed: true, attestedBy: 'access-policy', commandId });
    expect(await decide('transaction', approve, proof)).toEqual({ allowed: true, attestedBy: 'access-policy', commandId });
    expect(await decide('proposal', approve, { attestation: proof.attestation })).toEqual({ allowed: true, attestedBy: 'access-policy', commandId });
  });

  it("refuses bytes made out for another identity than the user's current one", async () => {
    const proof = { attestation: await attestation('access-policy', approve) };
    expect(await decide('proposal', { ...approve, creatorMspId: 'RegulatorMSP' }, proof)).toMatchObject({ allowed: false, code: 'NOT_ATTESTED', message: `the proposal is made out for another identity than user ${user.id}'s current certificate` });
    expect(await decide('proposal', { ...approve, creatorCertificatePem: 'an older certificate' }, proof)).toMatchObject({ allowed: false, code: 'NOT_ATTESTED' });
  });

  it('refuses a suspended user whatever the proof', async () => {
    const proof = { attestation: await attestation('access-policy', approve) };
    expect(await decide('proposal', approve, proof, { ...user, status: 'suspended' })).toEqual({ allowed: false, code: 'USER_SUSPENDED', message: `user ${user.id} is suspended; their key signs nothing` });
  });

  it('refuses a command without an attestation, even with the user\'s own access token', async () => {
    expect(await decide('proposal', approve, {})).toMatchObject({ allowed: false, code: 'NOT_ATTESTED', message: 'no attestation was given for access:ApproveRequest' });
    expect(await decide('proposal', approve, { userAccessToken: `token-of:${user.id}` })).toMatchObject({ allowed: false, code: 'NOT_ATTESTED', message: expect.stringContaining('needs a service\'s attestation') });
  });

  it('refuses an attestation from a service that may not attest the command', async () => {
    expect(await decide('proposal', approve, { attestation: await attestation('storage', approve) })).toMatchObject({ allowed: false, code: 'NOT_PERMITTED', message: 'the storage service may not attest access:ApproveRequest for a user' });
    expect(await decide('proposal', approve, { attestation: await attestation('ledger', approve) })).toMatchObject({ allowed: false, code: 'NOT_PERMITTED' });
  });

  it('refuses an attestation reused for other arguments, another user, another command or after it expired', async () => {
    const jws = await attestation('access-policy', approve, {}, 1);
    expect(await decide('proposal', { ...approve, arguments: ['req-2', 'looks fine'] }, { attestation: jws })).toMatchObject({ code: 'NOT_ATTESTED', message: expect.stringContaining('other arguments') });
    expect(await decide('proposal', approve, { attestation: await attestation('access-policy', approve, { userId: otherUser }) })).toMatchObject({ code: 'NOT_ATTESTED', message: expect.stringContaining('another signer') });
    expect(await decide('proposal', approve, { attestation: jws, commandId: otherUser })).toMatchObject({ code: 'NOT_ATTESTED', message: expect.stringContaining('another command') });
    expect(await decide('proposal', approve, { attestation: jws }, user, new Date(Date.now() + 5_000))).toMatchObject({ code: 'NOT_ATTESTED', message: 'the attestation has expired' });
  });

  it("signs a query proposal on the user's own access token, not on another user's or an invalid one", async () => {
    expect(await decide('proposal', query, { userAccessToken: `token-of:${user.id}` })).toEqual({ allowed: true, attestedBy: 'user-access-token', commandId: null });
    expect(await decide('proposal', query, { userAccessToken: `token-of:${otherUser}` })).toMatchObject({ allowed: false, code: 'NOT_ATTESTED', message: `the user access token is not user ${user.id}'s` });
    expect(await decide('proposal', query, { userAccessToken: 'forged' })).toMatchObject({ allowed: false, code: 'NOT_ATTESTED', message: 'the user access token is not valid or has expired' });
    expect(await decide('proposal', query, {})).toMatchObject({ allowed: false, code: 'NOT_ATTESTED' });
  });

  it("signs a query proposal on a reader service's attestation, not on another service's", async () => {
    for (const reader of ['storage', 'access-policy', 'audit'] as const) {
      expect(await decide('proposal', query, { attestation: await attestation(reader, query) })).toMatchObject({ allowed: true, attestedBy: reader });
    }
    expect(await decide('proposal', query, { attestation: await attestation('ledger', query) })).toMatchObject({ allowed: false, code: 'NOT_PERMITTED' });
    // either proof suffices: a refused attestation with a good access token still signs
    expect(await decide('proposal', query, { attestation: await attestation('ledger', query), userAccessToken: `token-of:${user.id}` })).toMatchObject({ allowed: true, attestedBy: 'user-access-token' });
  });

  it("signs a query proposal on a reader service's attestation of a read on the user's behalf, and no command on it", async () => {
    const read = (service: (typeof services)[number], changes: Partial<AttestedCall> = {}) => attestation(service, query, { contract: 'query', transaction: 'Read', arguments: [], ...changes });
    expect(await decide('proposal', query, { attestation: await read('audit') })).toMatchObject({ allowed: true, attestedBy: 'audit' });
    expect(await decide('proposal', query, { attestation: await read('ledger') })).toMatchObject({ allowed: false, code: 'NOT_PERMITTED' });
    expect(await decide('proposal', query, { attestation: await read('audit', { userId: otherUser }) })).toMatchObject({ allowed: false, code: 'NOT_ATTESTED' });
    expect(await decide('proposal', approve, { attestation: await read('access-policy') })).toMatchObject({ allowed: false, code: 'NOT_ATTESTED' });
  });

  it('never signs the transaction of a query: queries are not committed', async () => {
    expect(await decide('transaction', query, { userAccessToken: `token-of:${user.id}` })).toMatchObject({ allowed: false, code: 'NOT_PERMITTED', message: expect.stringContaining('is a query') });
    expect(await decide('transaction', query, { attestation: await attestation('audit', query) })).toMatchObject({ allowed: false, code: 'NOT_PERMITTED' });
  });

  it('signs for nobody a transaction no service may attest', async () => {
    const ping: DecodedCall = { ...approve, contract: 'system', transaction: 'Ping', arguments: ['hello'] };
    for (const service of services) expect(await decide('proposal', ping, { attestation: await attestation(service, ping) })).toMatchObject({ allowed: false, code: 'NOT_PERMITTED' });
  });

  it('signs a proposal that names the attested command for the chaincode, and refuses one naming another, or a query naming any', async () => {
    const jws = await attestation('access-policy', approve);
    expect(await decide('proposal', { ...approve, commandId }, { commandId, attestation: jws })).toEqual({ allowed: true, attestedBy: 'access-policy', commandId });
    // without the ledger's word for it, the named command is held to the attestation's
    expect(await decide('proposal', { ...approve, commandId }, { attestation: jws })).toEqual({ allowed: true, attestedBy: 'access-policy', commandId });
    expect(await decide('proposal', { ...approve, commandId: otherUser }, { attestation: jws })).toMatchObject({ allowed: false, code: 'NOT_ATTESTED', message: `the attestation is for another command than ${otherUser}` });
    expect(await decide('proposal', { ...approve, commandId: otherUser }, { commandId, attestation: jws })).toMatchObject({ allowed: false, code: 'NOT_ATTESTED', message: `the proposal names command ${otherUser}, not the command ${commandId} it is asked for` });
    expect(await decide('proposal', { ...query, commandId }, { userAccessToken: `token-of:${user.id}` })).toMatchObject({ allowed: false, code: 'NOT_PERMITTED', message: 'settlement:GetAccount is a query: it carries out no command, so its proposal may name none' });
  });
});

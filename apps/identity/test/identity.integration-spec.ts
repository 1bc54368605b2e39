import 'reflect-metadata';
import { createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { readCertificateAttributes } from '@gridledger/fabric-ca-client';
import { IDENTITY_TOPICS, parsePayload } from '@gridledger/contracts';
import type { ServiceName } from '@gridledger/service-auth';
import { organization, stackConnections, waitForMessages } from '@gridledger/testing';
import { connect, type Proposal } from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos } from '@hyperledger/fabric-protos';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWK } from 'jose';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningKeysService } from '../src/tokens/signing-keys.service.ts';
import { startIdentity, type Harness } from './support/identity-harness.ts';

const strongPassword = () => `Str0ng-${randomBytes(6).toString('hex')}`;

interface FabricIdentity {
  userId: string;
  mspId: string;
  certificatePem: string;
}

/** A proposal fabric-gateway builds for `identity`, offline: building contacts no peer. */
function offlineProposal(identity: FabricIdentity, contract: string, transaction: string, args: string[] = []): Proposal {
  const client = new grpc.Client('127.0.0.1:1', grpc.credentials.createInsecure());
  const gateway = connect({ client, identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) } });
  try {
    return gateway.getNetwork(stackConnections().fabric.channel).getContract(stackConnections().fabric.chaincode, contract).newProposal(transaction, { arguments: args });
  } finally {
    gateway.close();
    client.close();
  }
}

/** The bytes a proposal's signature covers: the Proposal inside fabric-gateway's ProposedTransaction. */
const proposalBytesOf = (proposal: Proposal) => gatewayProtos.ProposedTransaction.deserializeBinary(proposal.getBytes()).getProposal()?.getProposalBytes_asU8() ?? new Uint8Array();

describe('identity service on the real PostgreSQL, Fabric CAs and network', () => {
  let h: Harness;
  let gridAdminToken: string;
  let owner: { id: string; username: string; password: string; certificatePem: string };

  /** The ledger's request for a signature, with the ledger's service token unless another is given (null: none). */
  const requestSignature = async (body: Record<string, unknown>, token?: string | null) =>
    h.call('POST', '/internal/signatures', token === null ? { body } : { token: token ?? (await h.tokenAs('ledger')), body });
  const fabricIdentity = async (userId: string) => (await h.call('GET', `/internal/users/${userId}/fabric-identity`, { token: await h.tokenAs('ledger') })).body as unknown as FabricIdentity;
  /** `service`'s attestation of a call for `userId`, as it would send it with its ledger command. */
  const attest = (service: ServiceName, userId: string, call: { contract: string; transaction: string; arguments: string[] }, options: { commandId?: string; validitySeconds?: number } = {}) =>
    h.credentials[service].attest({ commandId: options.commandId ?? randomUUID(), userId, mspId: null, channel: stackConnections().fabric.channel, chaincode: stackConnections().fabric.chaincode, ...call }, options.validitySeconds);

  const login = (username: string, password: string) => h.call('POST', '/auth/login', { body: { username, password } });
  const userCount = async () => Number(((await h.app.get(DataSource).query('select count(*) from users')) as { count: string }[])[0]?.count);

  beforeAll(async () => {
    h = await startIdentity();
    const signedIn = await login(h.admins.grid.username, h.admins.grid.password);
    expect(signedIn.status).toBe(200);
    gridAdminToken = signedIn.body['accessToken'] as string;
    const password = strongPassword();
    const created = await h.call('POST', '/organizations/GridMSP/users', {
      token: gridAdminToken,
      body: { username: `owner-${randomBytes(3).toString('hex')}`, email: 'steward@grid.example', password, role: 'owner' },
    });
    expect(created.status).toBe(201);
    owner = { id: created.body['id'] as string, username: created.body['username'] as string, password, certificatePem: created.body['certificatePem'] as string };
  });

  afterAll(async () => {
    await h?.close();
  });

  it('issues ES256 access tokens that other services verify against the JWKS alone', async () => {
    const { body } = await login(owner.username, owner.password);
    const jwks = (await h.call('GET', '/.well-known/jwks.json')).body as { keys: JWK[] };
    const { payload, protectedHeader } = await jwtVerify(body['accessToken'] as string, createLocalJWKSet(jwks), { issuer: 'gridledger-identity', audience: 'gridledger' });
    expect(protectedHeader.alg).toBe('ES256');
    expect(jwks.keys.map((k) => k.kid)).toContain(protectedHeader.kid);
    expect(payload).toMatchObject({ sub: owner.id, org: 'GridMSP', role: 'owner' });
    expect(JSON.stringify(jwks)).not.toMatch(/"d":/);
  });

  it("enrols each user at their organisation's Fabric CA with gridledger.role and gridledger.uid", () => {
    expect(readCertificateAttributes(owner.certificatePem)).toMatchObject({ 'gridledger.role': 'owner', 'gridledger.uid': owner.id });
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const before = await userCount();
    const onboard = (body: Record<string, unknown>, token = gridAdminToken, msp = 'GridMSP') => h.call('POST', `/organizations/${msp}/users`, { token, body });
    const valid = { username: `new-${randomBytes(3).toString('hex')}`, email: 'a@grid.example', password: strongPassword(), role: 'consumer' };
    expect((await onboard({ ...valid, username: owner.username })).body).toMatchObject({ statusCode: 409, code: 'USERNAME_TAKEN' });
    expect((await onboard({ ...valid, password: 'password' })).body).toMatchObject({ statusCode: 400, code: 'WEAK_PASSWORD' });
    expect((await onboard({ ...valid, email: 'not-an-email' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    expect((await onboard({ ...valid, role: 'superuser' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    expect((await onboard({ ...valid, role: 'regulator' })).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await onboard(valid, gridAdminToken, 'ConsumerMSP')).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    const ownerToken = (await login(owner.username, owner.password)).body['accessToken'] as string;
    expect((await onboard(valid, ownerToken)).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect(await userCount()).toBe(before);
  });

  it('rejects tampered, unsigned, HMAC-forged, foreign-audience and missing tokens', async () => {
    const token = (await login(owner.username, owner.password)).body['accessToken'] as string;
    const me = (t: string | undefined) => h.call('GET', '/users/me', t ? { token: t } : {});
    expect((await me(token)).status).toBe(200);

    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect((await me(`${header}.${forgedPayload}.${signature}`)).body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });

    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await me(none)).body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });

    const jwks = (await h.call('GET', '/.well-known/jwks.json')).body as { keys: JWK[] };
    const publicKeyAsSecret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const hmac = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: decodeProtectedHeader(token).kid }).sign(publicKeyAsSecret);
    expect((await me(hmac)).body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });

    expect((await me(undefined)).body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });

    // signed with the service's own current key, but for another audience, or already expired
    const { kid, key } = await h.app.get(SigningKeysService).current();
    const genuine = (audience: string, expiresAt: number) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).setIssuer('gridledger-identity').setAudience(audience).setIssuedAt(expiresAt - 60).setExpirationTime(expiresAt).sign(key);
    const now = Math.floor(Date.now() / 1000);
    expect((await me(await genuine('gridledger', now + 60))).status).toBe(200);
    expect((await me(await genuine('another-platform', now + 60))).body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
    expect((await me(await genuine('gridledger', now - 5))).body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN', message: 'the access token has expired' });
  });

  it('rotates the master key: every sealed key is resealed, and the old key can then be dropped', async () => {
    const oldKey = h.config.masterKeys.map((k) => `${k.kid}:${k.key.toString('base64')}`).join(',');
    const newKey = `test-2:${randomBytes(32).toString('base64')}`;
    await h.restart({ IDENTITY_MASTER_KEYS: `${newKey},${oldKey}` });
    const resealed = await h.call('POST', '/internal/master-key/rewrap', { token: await h.tokenAs('operator') });
    // 2 bootstrap admins and the owner: a Fabric key and an encryption key each, plus the JWT keys
    expect(resealed.body['resealed']).toBeGreaterThanOrEqual(7);
    expect((await h.call('POST', '/internal/master-key/rewrap', { token: await h.tokenAs('operator') })).body).toMatchObject({ resealed: 0 });
    // an operator action: no service may call it
    expect((await h.call('POST', '/internal/master-key/rewrap', { token: await h.tokenAs('ledger') })).body).toMatchObject({ statusCode: 403, code: 'SERVICE_NOT_PERMITTED' });

    await h.restart({ IDENTITY_MASTER_KEYS: newKey });
    const session = await login(owner.username, owner.password);
    expect(session.status).toBe(200);
    // the resealed Fabric key still signs: a query of the owner's, on the owner's own access token
    const query = offlineProposal({ userId: owner.id, mspId: 'GridMSP', certificatePem: owner.certificatePem }, 'system', 'WhoAmI');
    const signature = await requestSignature({ userId: owner.id, kind: 'proposal', bytes: Buffer.from(query.getBytes()).toString('base64'), userAccessToken: session.body['accessToken'] });
    expect(signature.status).toBe(200);
  });

  it('signs for a user through the internal API; the peers accept it and the chaincode sees the uid and role', async () => {
    const ownerSession = (await login(owner.username, owner.password)).body['accessToken'] as string;
    const identity = await fabricIdentity(owner.id);
    const admin = await fabricIdentity(((await h.call('GET', '/users/me', { token: gridAdminToken })).body['id'] as string));
    const sign = async (kind: 'proposal' | 'transaction', userId: string, bytes: Uint8Array, proof: Record<string, unknown>) => {
      const { status, body } = await requestSignature({ userId, kind, bytes: Buffer.from(bytes).toString('base64'), ...proof });
      expect(body).toMatchObject({ signature: expect.any(String), txId: expect.any(String) });
      expect(status).toBe(200);
      return Buffer.from(body['signature'] as string, 'base64');
    };
    const org = organization('GridMSP');
    const client = new grpc.Client(org.peerEndpoint, grpc.credentials.createSsl(readFileSync(org.peerTlsRootCertPath)), { 'grpc.ssl_target_name_override': org.peerHostAlias });
    // no signer: every signature comes from the identity service (offline signing)
    const asOwner = connect({ client, identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) } });
    const asAdmin = connect({ client, identity: { mspId: admin.mspId, credentials: Buffer.from(admin.certificatePem) } });
    const { channel, chaincode } = stackConnections().fabric;
    const balance = async () => {
      const query = asOwner.getNetwork(channel).getContract(chaincode, 'settlement').newProposal('GetAccount', { arguments: [owner.id] });
      const result = await asOwner.newSignedProposal(query.getBytes(), await sign('proposal', owner.id, query.getBytes(), { userAccessToken: ownerSession })).evaluate();
      return (JSON.parse(Buffer.from(result).toString()) as { balance: number }).balance;
    };
    try {
      // a query on the user's own access token
      const query = asOwner.getNetwork(channel).getContract(chaincode, 'system').newProposal('WhoAmI');
      const whoami = JSON.parse(Buffer.from(await asOwner.newSignedProposal(query.getBytes(), await sign('proposal', owner.id, query.getBytes(), { userAccessToken: ownerSession })).evaluate()).toString());
      expect(whoami).toMatchObject({ mspId: 'GridMSP', uid: owner.id, role: 'owner' });

      // a transaction on access-policy's attestation: the grid admin credits the owner, proposal and transaction signed here
      const before = await balance();
      const mint = { contract: 'settlement', transaction: 'Mint', arguments: [owner.id, '1', 'identity integration test'] };
      const commandId = randomUUID();
      const attestation = await attest('access-policy', admin.userId, mint, { commandId });
      const proposal = asAdmin.getNetwork(channel).getContract(chaincode, mint.contract).newProposal(mint.transaction, { arguments: mint.arguments });
      const transaction = await asAdmin.newSignedProposal(proposal.getBytes(), await sign('proposal', admin.userId, proposal.getBytes(), { commandId, attestation })).endorse();
      await asAdmin.newSignedTransaction(transaction.getBytes(), await sign('transaction', admin.userId, transaction.getBytes(), { commandId, attestation })).submit();
      expect(JSON.parse(Buffer.from(transaction.getResult()).toString())).toMatchObject({ uid: owner.id });
      // committed: the owner reads the credit back (the ledger, not this test, follows commit status)
      let after = before;
      for (let attempt = 0; attempt < 60 && after === before; attempt++) {
        await sleep(500);
        after = await balance();
      }
      expect(after).toBe(before + 1);
    } finally {
      asOwner.close();
      asAdmin.close();
      client.close();
    }
    const rows = (await h.app.get(DataSource).query(`select outcome, kind, function, attested_by, requested_by from signature_log where user_id = $1 and function = 'settlement:Mint'`, [admin.userId])) as Record<string, string>[];
    expect(rows).toEqual(expect.arrayContaining([
      { outcome: 'signed', kind: 'proposal', function: 'settlement:Mint', attested_by: 'access-policy', requested_by: 'ledger' },
      { outcome: 'signed', kind: 'transaction', function: 'settlement:Mint', attested_by: 'access-policy', requested_by: 'ledger' },
    ]));
  });

  describe('who may make a user\'s key sign', () => {
    const approve = { contract: 'access', transaction: 'ApproveRequest', arguments: ['7f1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d', 'approved in the identity integration test'] };
    let identity: FabricIdentity;
    let proposal: Proposal;
    let bytes: string;

    beforeAll(async () => {
      identity = await fabricIdentity(owner.id);
      proposal = offlineProposal(identity, approve.contract, approve.transaction, approve.arguments);
      bytes = Buffer.from(proposal.getBytes()).toString('base64');
    });

    it('answers only the ledger: 401 without a service token, 403 to another service or the operator', async () => {
      const body = { userId: owner.id, kind: 'proposal', bytes, attestation: await attest('access-policy', owner.id, approve) };
      expect((await requestSignature(body, null)).body).toMatchObject({ statusCode: 401, code: 'SERVICE_UNAUTHENTICATED' });
      expect((await requestSignature(body, 'x'.repeat(64))).body).toMatchObject({ statusCode: 401, code: 'SERVICE_UNAUTHENTICATED' });
      expect((await requestSignature(body, await h.credentials.ledger.token('storage'))).body).toMatchObject({ statusCode: 401, code: 'SERVICE_UNAUTHENTICATED' });
      // the public entry holds no credential but the users' own tokens, and a user's token opens nothing here
      const userToken = (await login(owner.username, owner.password)).body['accessToken'] as string;
      expect((await requestSignature(body, userToken)).body).toMatchObject({ statusCode: 401, code: 'SERVICE_UNAUTHENTICATED' });
      for (const caller of ['storage', 'access-policy', 'audit', 'web-entry', 'operator'] as const) {
        expect((await requestSignature(body, await h.tokenAs(caller))).body).toMatchObject({ statusCode: 403, code: 'SERVICE_NOT_PERMITTED' });
      }
      expect((await h.call('GET', `/internal/users/${owner.id}/fabric-identity`, { token: await h.tokenAs('storage') })).body).toMatchObject({ statusCode: 403, code: 'SERVICE_NOT_PERMITTED' });
    });

    it('refuses a proposal nobody attested, and an attestation from a service that may not attest it', async () => {
      expect((await requestSignature({ userId: owner.id, kind: 'proposal', bytes })).body).toMatchObject({ statusCode: 403, code: 'NOT_ATTESTED' });
      const fromStorage = await attest('storage', owner.id, approve);
      expect((await requestSignature({ userId: owner.id, kind: 'proposal', bytes, attestation: fromStorage })).body).toMatchObject({ statusCode: 403, code: 'NOT_PERMITTED' });
    });

    it("signs on access-policy's attestation: the signature verifies against the user's certificate over SHA-256 of the proposal bytes", async () => {
      const commandId = randomUUID();
      const answer = await requestSignature({ userId: owner.id, kind: 'proposal', bytes, commandId, attestation: await attest('access-policy', owner.id, approve, { commandId }) });
      expect(answer.status).toBe(200);
      expect(answer.body['txId']).toBe(proposal.getTransactionId());
      const signature = Buffer.from(answer.body['signature'] as string, 'base64');
      expect(verify('sha256', proposalBytesOf(proposal), createPublicKey(identity.certificatePem), signature)).toBe(true);
    });

    it('refuses an attestation reused for other arguments, for another user, for another command or after it expired', async () => {
      const attestation = await attest('access-policy', owner.id, approve);
      const other = offlineProposal(identity, approve.contract, approve.transaction, [approve.arguments[0] ?? '', 'something else']);
      expect((await requestSignature({ userId: owner.id, kind: 'proposal', bytes: Buffer.from(other.getBytes()).toString('base64'), attestation })).body).toMatchObject({ statusCode: 403, code: 'NOT_ATTESTED' });

      const admin = await fabricIdentity(((await h.call('GET', '/users/me', { token: gridAdminToken })).body['id'] as string));
      const forAdmin = offlineProposal(admin, approve.contract, approve.transaction, approve.arguments);
      expect((await requestSignature({ userId: admin.userId, kind: 'proposal', bytes: Buffer.from(forAdmin.getBytes()).toString('base64'), attestation })).body).toMatchObject({ statusCode: 403, code: 'NOT_ATTESTED' });
      // the owner's proposal presented as someone else's: the bytes are made out for the owner
      expect((await requestSignature({ userId: admin.userId, kind: 'proposal', bytes, attestation: await attest('access-policy', admin.userId, approve) })).body).toMatchObject({ statusCode: 403, code: 'NOT_ATTESTED' });

      expect((await requestSignature({ userId: owner.id, kind: 'proposal', bytes, attestation, commandId: randomUUID() })).body).toMatchObject({ statusCode: 403, code: 'NOT_ATTESTED' });

      const brief = await attest('access-policy', owner.id, approve, { validitySeconds: 1 });
      await sleep(2_500);
      expect((await requestSignature({ userId: owner.id, kind: 'proposal', bytes, attestation: brief })).body).toMatchObject({ statusCode: 403, code: 'NOT_ATTESTED', message: 'the attestation has expired' });
    });

    it("signs a query proposal on the user's own access token, not on another user's", async () => {
      const query = offlineProposal(identity, 'settlement', 'GetAccount', [owner.id]);
      const queryBytes = Buffer.from(query.getBytes()).toString('base64');
      const ownToken = (await login(owner.username, owner.password)).body['accessToken'] as string;
      const answer = await requestSignature({ userId: owner.id, kind: 'proposal', bytes: queryBytes, userAccessToken: ownToken });
      expect(answer.status).toBe(200);
      expect(verify('sha256', proposalBytesOf(query), createPublicKey(identity.certificatePem), Buffer.from(answer.body['signature'] as string, 'base64'))).toBe(true);
      expect((await requestSignature({ userId: owner.id, kind: 'proposal', bytes: queryBytes, userAccessToken: gridAdminToken })).body).toMatchObject({ statusCode: 403, code: 'NOT_ATTESTED' });
      // a proposal offered as a transaction is not read as one (a query's transaction is refused anyway: see the signing policy's unit tests)
      expect((await requestSignature({ userId: owner.id, kind: 'transaction', bytes: queryBytes, userAccessToken: ownToken })).body).toMatchObject({ statusCode: 400, code: 'UNDECODABLE' });
    });

    it('refuses bytes it cannot read, and logs and publishes every signature and refusal', async () => {
      expect((await requestSignature({ userId: owner.id, kind: 'proposal', bytes: Buffer.from('not a proposal').toString('base64') })).body).toMatchObject({ statusCode: 400, code: 'UNDECODABLE' });
      expect((await requestSignature({ userId: owner.id, kind: 'proposal', digest: Buffer.alloc(32).toString('base64'), purpose: 'the old API' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
      const rows = (await h.app.get(DataSource).query('select outcome, code from signature_log where user_id = $1', [owner.id])) as { outcome: string; code: string | null }[];
      expect(rows).toEqual(expect.arrayContaining([
        { outcome: 'signed', code: null },
        { outcome: 'refused', code: 'NOT_ATTESTED' },
        { outcome: 'refused', code: 'NOT_PERMITTED' },
        { outcome: 'refused', code: 'UNDECODABLE' },
      ]));
      const messages = await waitForMessages(IDENTITY_TOPICS.signatureLogged, (received) => received.some((m) => m.key === owner.id && (m.value as { data: { code: string | null } }).data.code === 'UNDECODABLE'));
      const refusal = messages.find((m) => m.key === owner.id && (m.value as { data: { code: string | null } }).data.code === 'UNDECODABLE');
      expect(parsePayload(IDENTITY_TOPICS.signatureLogged, (refusal?.value as { data: unknown }).data)).toMatchObject({ outcome: 'refused', service: 'ledger', userId: owner.id, function: null });
    });
  });

  it('rotates refresh tokens and closes every session when a spent one is replayed', async () => {
    const first = (await login(owner.username, owner.password)).body;
    const second = await h.call('POST', '/auth/refresh', { body: { refreshToken: first['refreshToken'] } });
    expect(second.status).toBe(200);
    const replay = await h.call('POST', '/auth/refresh', { body: { refreshToken: first['refreshToken'] } });
    expect(replay.body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
    const afterReplay = await h.call('POST', '/auth/refresh', { body: { refreshToken: second.body['refreshToken'] } });
    expect(afterReplay.body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
  });

  it('rotates the JWT signing key without logging anyone out', async () => {
    const before = (await login(owner.username, owner.password)).body['accessToken'] as string;
    expect((await h.call('POST', '/internal/signing-keys/rotate', { token: await h.tokenAs('ledger') })).body).toMatchObject({ statusCode: 403, code: 'SERVICE_NOT_PERMITTED' });
    expect((await h.call('POST', '/internal/signing-keys/rotate')).body).toMatchObject({ statusCode: 401, code: 'SERVICE_UNAUTHENTICATED' });
    const rotated = await h.call('POST', '/internal/signing-keys/rotate', { token: await h.tokenAs('operator') });
    expect(rotated.status).toBe(200);
    const after = (await login(owner.username, owner.password)).body['accessToken'] as string;
    expect(decodeProtectedHeader(after).kid).toBe(rotated.body['kid']);
    expect(decodeProtectedHeader(before).kid).not.toBe(rotated.body['kid']);
    expect((await h.call('GET', '/users/me', { token: before })).status).toBe(200);
  });

  it('suspends: no sign-in, no session, no signature; reactivation issues a fresh Fabric identity', async () => {
    const session = (await login(owner.username, owner.password)).body;
    const suspended = await h.call('POST', `/users/${owner.id}/suspend`, { token: gridAdminToken, body: { reason: 'left the company' } });
    expect(suspended.body).toMatchObject({ status: 'suspended' });

    expect((await login(owner.username, owner.password)).body).toMatchObject({ statusCode: 403, code: 'USER_SUSPENDED' });
    expect((await h.call('GET', '/users/me', { token: session['accessToken'] as string })).body).toMatchObject({ code: 'USER_SUSPENDED' });
    expect((await h.call('POST', '/auth/refresh', { body: { refreshToken: session['refreshToken'] } })).body).toMatchObject({ statusCode: 401 });
    const register = { contract: 'asset', transaction: 'RegisterAsset', arguments: ['{}'] };
    const proposal = offlineProposal({ userId: owner.id, mspId: 'GridMSP', certificatePem: owner.certificatePem }, register.contract, register.transaction, register.arguments);
    const signature = await requestSignature({ userId: owner.id, kind: 'proposal', bytes: Buffer.from(proposal.getBytes()).toString('base64'), attestation: await attest('storage', owner.id, register) });
    expect(signature.body).toMatchObject({ statusCode: 403, code: 'USER_SUSPENDED' });

    const reactivated = await h.call('POST', `/users/${owner.id}/reactivate`, { token: gridAdminToken });
    expect(reactivated.body).toMatchObject({ status: 'active' });
    expect(reactivated.body['certificatePem']).not.toBe(owner.certificatePem);
    expect(readCertificateAttributes(reactivated.body['certificatePem'] as string)).toMatchObject({ 'gridledger.uid': owner.id });
    expect((await login(owner.username, owner.password)).status).toBe(200);
  });

  it('locks an account after repeated failed sign-ins, even against the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await login(owner.username, 'wrong-password-123')).body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect((await login(owner.username, owner.password)).body).toMatchObject({ statusCode: 423, code: 'ACCOUNT_LOCKED' });
    expect((await login('nobody-by-this-name', 'whatever-123')).body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('limits sign-in per account and per client address with 429 and Retry-After', async () => {
    await h.restart({ IDENTITY_SIGNIN_PER_ACCOUNT_PER_MINUTE: '3', IDENTITY_SIGNIN_PER_ADDRESS_PER_MINUTE: '6' });
    try {
      const attempt = (username: string, address: string) =>
        fetch(`${h.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ username, password: 'not-the-password-1' }) });
      // one account from three addresses: the account's budget
      for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) expect((await attempt('someone-guessed', address)).status).toBe(401);
      const overAccount = await attempt('someone-guessed', '198.51.100.4');
      expect(overAccount.status).toBe(429);
      expect(Number(overAccount.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await overAccount.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
      // many accounts from one address: the address's budget
      for (let i = 0; i < 6; i += 1) expect((await attempt(`sprayed-${i}`, '203.0.113.9')).status).toBe(401);
      const overAddress = await attempt('sprayed-7', '203.0.113.9');
      expect(overAddress.status).toBe(429);
      expect(overAddress.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await h.restart({ IDENTITY_SIGNIN_PER_ACCOUNT_PER_MINUTE: '30', IDENTITY_SIGNIN_PER_ADDRESS_PER_MINUTE: '300' });
    }
  });

  it('publishes its events to Kafka as CloudEvents, keyed by the user, valid by the contract', async () => {
    const messages = await waitForMessages(IDENTITY_TOPICS.userRegistered, (received) => received.some((m) => m.key === owner.id));
    const event = messages.find((m) => m.key === owner.id);
    expect(event?.headers).toMatchObject({ ce_type: IDENTITY_TOPICS.userRegistered, 'content-type': 'application/cloudevents+json' });
    const envelope = event?.value as { specversion: string; type: string; subject: string; data: unknown };
    expect(envelope).toMatchObject({ specversion: '1.0', type: IDENTITY_TOPICS.userRegistered, subject: owner.id });
    expect(parsePayload(IDENTITY_TOPICS.userRegistered, envelope.data)).toMatchObject({ userId: owner.id, mspId: 'GridMSP', role: 'owner' });
  });

  it('writes an event for each change in the same transaction (outbox)', async () => {
    const rows = (await h.app.get(DataSource).query('select topic, message_key from outbox order by created_at')) as { topic: string; message_key: string }[];
    const topics = rows.map((r) => r.topic);
    expect(topics.filter((t) => t === 'gridledger.identity.org-created.v1')).toHaveLength(3);
    expect(rows.filter((r) => r.topic === 'gridledger.identity.user-registered.v1').map((r) => r.message_key)).toContain(owner.id);
    expect(topics).toEqual(expect.arrayContaining(['gridledger.identity.user-suspended.v1', 'gridledger.identity.user-reactivated.v1', 'gridledger.identity.signature-logged.v1']));
  });
});

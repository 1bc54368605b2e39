import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { readCertificateAttributes } from '@gridledger/fabric-ca-client';
import { IDENTITY_TOPICS, parsePayload } from '@gridledger/contracts';
import { organization, stackConnections, waitForMessages } from '@gridledger/testing';
import { connect } from '@hyperledger/fabric-gateway';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWK } from 'jose';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningKeysService } from '../src/tokens/signing-keys.service.ts';
import { startIdentity, type Harness } from './identity-harness.ts';

const strongPassword = () => `Str0ng-${randomBytes(6).toString('hex')}`;

describe('identity service on the real PostgreSQL, Fabric CAs and network', () => {
  let h: Harness;
  let gridAdminToken: string;
  let owner: { id: string; username: string; password: string; certificatePem: string };

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
    expect((await onboard({ ...valid, email: 'not-an-email' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_INPUT' });
    expect((await onboard({ ...valid, role: 'superuser' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_INPUT' });
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
    const resealed = await h.call('POST', '/internal/master-key/rewrap', { token: h.config.serviceToken });
    // 2 bootstrap admins and the owner: a Fabric key and an encryption key each, plus the JWT keys
    expect(resealed.body['resealed']).toBeGreaterThanOrEqual(7);
    expect((await h.call('POST', '/internal/master-key/rewrap', { token: h.config.serviceToken })).body).toMatchObject({ resealed: 0 });

    await h.restart({ IDENTITY_MASTER_KEYS: newKey });
    expect((await login(owner.username, owner.password)).status).toBe(200);
    const signature = await h.call('POST', '/internal/signatures', { token: h.config.serviceToken, body: { userId: owner.id, digest: Buffer.alloc(32, 7).toString('base64'), purpose: 'after master key rotation' } });
    expect(signature.status).toBe(200);
  });

  it('signs for a user through the internal API; the peers accept it and the chaincode sees the uid and role', async () => {
    const serviceToken = h.config.serviceToken;
    const sign = async (digest: Uint8Array, purpose: string) => {
      const { status, body } = await h.call('POST', '/internal/signatures', { token: serviceToken, body: { userId: owner.id, digest: Buffer.from(digest).toString('base64'), purpose } });
      expect(status).toBe(200);
      return Buffer.from(body['signature'] as string, 'base64');
    };
    const identity = (await h.call('GET', `/internal/users/${owner.id}/fabric-identity`, { token: serviceToken })).body;
    const org = organization('GridMSP');
    const client = new grpc.Client(org.peerEndpoint, grpc.credentials.createSsl(readFileSync(org.peerTlsRootCertPath)), { 'grpc.ssl_target_name_override': org.peerHostAlias });
    // no signer: every signature comes from the identity service (offline signing)
    const gateway = connect({ client, identity: { mspId: identity['mspId'] as string, credentials: Buffer.from(identity['certificatePem'] as string) } });
    try {
      const contract = gateway.getNetwork(stackConnections().fabric.channel).getContract(stackConnections().fabric.chaincode, 'system');

      const query = contract.newProposal('WhoAmI');
      const whoami = JSON.parse(Buffer.from(await gateway.newSignedProposal(query.getBytes(), await sign(query.getDigest(), 'system:WhoAmI')).evaluate()).toString());
      expect(whoami).toMatchObject({ mspId: 'GridMSP', uid: owner.id, role: 'owner' });

      const proposal = contract.newProposal('Ping', { arguments: ['signed by the identity service'] });
      const transaction = await gateway.newSignedProposal(proposal.getBytes(), await sign(proposal.getDigest(), 'system:Ping proposal')).endorse();
      const commit = await gateway.newSignedTransaction(transaction.getBytes(), await sign(transaction.getDigest(), 'system:Ping transaction')).submit();
      const status = await gateway.newSignedCommit(commit.getBytes(), await sign(commit.getDigest(), 'system:Ping commit status')).getStatus();
      expect(status.successful).toBe(true);
      expect(JSON.parse(Buffer.from(transaction.getResult()).toString())).toMatchObject({ signer: { uid: owner.id, role: 'owner', mspId: 'GridMSP' } });
    } finally {
      gateway.close();
      client.close();
    }

    const wrongCredential = await h.call('POST', '/internal/signatures', { token: 'x'.repeat(64), body: { userId: owner.id, digest: Buffer.alloc(32).toString('base64'), purpose: 'probe' } });
    expect(wrongCredential.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
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
    const rotated = await h.call('POST', '/internal/signing-keys/rotate', { token: h.config.serviceToken });
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
    const signature = await h.call('POST', '/internal/signatures', { token: h.config.serviceToken, body: { userId: owner.id, digest: Buffer.alloc(32, 1).toString('base64'), purpose: 'after suspension' } });
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
    expect(topics).toEqual(expect.arrayContaining(['gridledger.identity.user-suspended.v1', 'gridledger.identity.user-reactivated.v1']));
  });
});

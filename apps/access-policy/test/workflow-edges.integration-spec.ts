import { randomUUID } from 'node:crypto';
import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { generateRecipientKeyPair } from '@gridledger/file-crypto';
import { type Answer, call, eventually, onboardUser, operatorToken, ownerAndFundedConsumer, type PlatformUser, signIn, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';

/** The owner's other levers (policy edits, revocation) and time (expiry), on the real stack. */
describe('policies, revocation and expiry', () => {
  let endpoints: PlatformEndpoints;
  let owner: PlatformUser;
  let token: Record<'owner' | 'consumer', string>;
  let assetId: string;
  const access = (method: string, path: string, as: 'owner' | 'consumer', body?: unknown): Promise<Answer> => call(endpoints.accessPolicyUrl, method, path, token[as], body);
  const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 1 };
  const decisionsOnChain = async (requestId: string) => ((await call(endpoints.ledgerUrl, 'GET', `/requests/${requestId}`, token['owner'])).body['decisions'] as { decision: string }[]).map((d) => d.decision);
  const grantFor = async (purpose: string) => {
    const requested = await access('POST', '/requests', 'consumer', { assetId, purpose, durationSeconds: 3600 });
    expect(requested.status).toBe(201);
    const id = String(requested.body['id']);
    expect((await access('POST', `/requests/${id}/approve`, 'owner', { reason: 'ok' })).body).toMatchObject({ status: 'granted' });
    return id;
  };

  beforeAll(async () => {
    endpoints = startPlatformServices();
    ({ owner, token } = await ownerAndFundedConsumer(endpoints, 100));
    const file = await uploadAndAnchor(endpoints, token['owner'] ?? '', { title: 'Generation record', category: 'generation', sensitivity: 'internal', priceCredits: 10, policy }, Buffer.from('h,mwh\n1,4.2\n'), 'gen.csv');
    assetId = String(file['assetId']);
  }, 600_000);

  it('the owner edits the policy; the chaincode enforces the new one and the old purpose is refused', async () => {
    expect((await access('PUT', `/assets/${assetId}/policy`, 'consumer', { ...policy, allowedPurposes: ['anything'] })).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await access('PUT', `/assets/${assetId}/policy`, 'owner', { ...policy, maxDownloads: 0 })).body).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const edited = await access('PUT', `/assets/${assetId}/policy`, 'owner', { ...policy, allowedPurposes: ['grid-planning'] });
    expect(edited.body).toMatchObject({ policy: { allowedPurposes: ['grid-planning'] }, rules: expect.arrayContaining(['the purpose must be one of: grid-planning']) });
    const refused = await access('POST', '/requests', 'consumer', { assetId, purpose: 'research', durationSeconds: 3600 });
    expect(refused.body).toMatchObject({ code: 'POLICY_DENIED' });
  });

  it('a recipient key of small order is refused at every entry and costs the grant nothing; a good key is released once, however often asked', async () => {
    const requestId = await grantFor('grid-planning');
    const zero = Buffer.alloc(32).toString('base64');
    const order8 = Buffer.from('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', 'hex').toString('base64');
    for (const bad of [zero, order8]) {
      expect((await access('POST', '/requests', 'consumer', { assetId, purpose: 'grid-planning', durationSeconds: 3600, recipientPublicKey: bad })).body).toMatchObject({ statusCode: 400, code: 'INVALID_PUBLIC_KEY' });
      expect((await access('POST', `/requests/${requestId}/key-release`, 'consumer', { publicKey: bad })).body).toMatchObject({ statusCode: 400, code: 'INVALID_PUBLIC_KEY' });
      expect((await call(endpoints.storageUrl, 'POST', `/files/${assetId}/key-release`, token['consumer'], { publicKey: bad })).body).toMatchObject({ statusCode: 400, code: 'INVALID_PUBLIC_KEY' });
      expect((await call(endpoints.identityUrl, 'PUT', '/users/me/encryption-key', token['consumer'], { publicKey: bad })).body).toMatchObject({ statusCode: 400, code: 'INVALID_PUBLIC_KEY' });
    }
    const onChain = async () => (await call(endpoints.ledgerUrl, 'GET', `/requests/${requestId}`, token['consumer'])).body['grant'] as { used: number; keyReleases: number };
    expect(await onChain()).toMatchObject({ used: 0, keyReleases: 0 });

    // the policy allows one use: a release asked twice for the same key is that one use
    const good = generateRecipientKeyPair();
    for (let i = 0; i < 2; i += 1) {
      const released = await call(endpoints.storageUrl, 'POST', `/files/${assetId}/key-release`, token['consumer'], { publicKey: good.publicKeyPem });
      expect(released).toMatchObject({ status: 200, body: { requestId } });
    }
    expect(await onChain()).toMatchObject({ used: 1, keyReleases: 1 });

    // and no more than 10 release attempts of one grant a minute: 4 were made above, so the 7th here is refused
    const attempt = () => fetch(`${endpoints.storageUrl}/files/${assetId}/key-release`, { method: 'POST', headers: { authorization: `Bearer ${token['consumer']}`, 'content-type': 'application/json' }, body: JSON.stringify({ publicKey: zero }) });
    const answers: Response[] = [];
    for (let i = 0; i < 7; i += 1) answers.push(await attempt());
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400, 429]);
    expect(Number(answers[6]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await answers[6]?.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
  });

  it("answers a body that is not JSON, or is too large, in the platform's one shape", async () => {
    const post = (body: string) =>
      fetch(`${endpoints.accessPolicyUrl}/requests`, { method: 'POST', headers: { authorization: `Bearer ${token['consumer']}`, 'content-type': 'application/json' }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    expect(await post('{"assetId":')).toMatchObject({ status: 400, body: { statusCode: 400, code: 'INVALID_JSON' } });
    expect(await post(JSON.stringify({ assetId, purpose: 'x'.repeat(2 * 1024 * 1024), durationSeconds: 3600 }))).toMatchObject({ status: 413, body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('credits go only to real, active users of the admin\'s own organisation; nothing else reaches the chain', async () => {
    const consumerAdmin = endpoints.admins.find((a) => a.mspId === 'ConsumerMSP');
    if (!consumerAdmin) throw new Error('no ConsumerMSP admin');
    const adminToken = await signIn(endpoints, consumerAdmin);
    const credit = (uid: string) => call(endpoints.accessPolicyUrl, 'POST', `/accounts/${uid}/credits`, adminToken, { amount: 5 });
    const ghost = randomUUID();
    expect((await credit(ghost)).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect((await credit('ghost-x')).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect((await credit(owner.id)).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    // nothing was minted on chain for the ghost, nor for the owner of another organisation
    expect((await call(endpoints.ledgerUrl, 'GET', `/accounts/${ghost}`, adminToken)).body).toMatchObject({ minted: 0 });
    expect((await call(endpoints.ledgerUrl, 'GET', `/accounts/${owner.id}`, token['owner'])).body).toMatchObject({ minted: 0 });
  });

  it("a suspended user's still valid token is refused by every service within 5 s, with USER_SUSPENDED", async () => {
    const member = await onboardUser(endpoints, 'ConsumerMSP', 'consumer');
    const memberToken = await signIn(endpoints, member);
    expect((await call(endpoints.accessPolicyUrl, 'GET', '/inbox', memberToken)).status).toBe(200);
    const consumerAdmin = endpoints.admins.find((a) => a.mspId === 'ConsumerMSP');
    if (!consumerAdmin) throw new Error('no ConsumerMSP admin');
    const suspended = await call(endpoints.identityUrl, 'POST', `/users/${member.id}/suspend`, await signIn(endpoints, consumerAdmin), { reason: 'left the company' });
    expect(suspended.status).toBeLessThan(300);
    const started = Date.now();
    const everywhere = async () => {
      const answers = await Promise.all([
        call(endpoints.accessPolicyUrl, 'GET', '/inbox', memberToken),
        call(endpoints.storageUrl, 'GET', `/files/${assetId}`, memberToken),
        call(endpoints.ledgerUrl, 'GET', `/accounts/${member.id}`, memberToken),
        call(endpoints.accessPolicyUrl, 'POST', '/requests', memberToken, { assetId, purpose: 'grid-planning', durationSeconds: 3600 }),
      ]);
      return { status: 200, body: { codes: answers.map((a) => `${a.status} ${String(a.body['code'])}`) } };
    };
    const refused = await eventually(everywhere, (a) => (a.body['codes'] as string[]).every((c) => c === '403 USER_SUSPENDED'), 'USER_SUSPENDED from every service', 10_000);
    expect(refused.body['codes']).toEqual(Array(4).fill('403 USER_SUSPENDED'));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('the owner revokes a grant: the consumer can no longer download', async () => {
    const requestId = await grantFor('grid-planning');
    expect((await access('POST', `/requests/${requestId}/revoke`, 'consumer', { reason: 'no' })).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await access('POST', `/requests/${requestId}/revoke`, 'owner', { reason: 'contract ended' })).body).toMatchObject({ status: 'revoked' });
    const download = await call(endpoints.storageUrl, 'GET', `/files/${assetId}/content`, token['consumer']);
    expect(download.status).toBe(403);
    // asked again (the first answer lost, say): the revocation stands, and is not made twice
    expect(await access('POST', `/requests/${requestId}/revoke`, 'owner', { reason: 'again' })).toMatchObject({ status: 200, body: { status: 'revoked' } });
    expect(await decisionsOnChain(requestId)).toEqual(['approved', 'revoked']);
    expect((await access('POST', `/requests/${requestId}/approve`, 'owner', { reason: 'after all' })).body).toMatchObject({ statusCode: 409, code: 'FAILED_PRECONDITION' });
  });

  it('an approval asked twice at once, and again later, is made once and answered alike each time', async () => {
    const requested = await access('POST', '/requests', 'consumer', { assetId, purpose: 'grid-planning', durationSeconds: 3600 });
    const requestId = String(requested.body['id']);
    const approve = () => access('POST', `/requests/${requestId}/approve`, 'owner', { reason: 'ok' });
    const [first, second] = await Promise.all([approve(), approve()]);
    const third = await approve();
    for (const answer of [first, second, third]) expect(answer).toMatchObject({ status: 200, body: { id: requestId, status: 'granted' } });
    expect(new Set([first, second, third].map((a) => a.body['lastTxId'])).size).toBe(1);
    expect(await decisionsOnChain(requestId)).toEqual(['approved']);
    expect((await access('POST', `/requests/${requestId}/reject`, 'owner', { reason: 'changed my mind' })).body).toMatchObject({ statusCode: 409, code: 'FAILED_PRECONDITION' });
    // the consumer's one open request on the asset, closed for the tests after this one
    expect((await access('POST', `/requests/${requestId}/revoke`, 'owner', { reason: 'done' })).body).toMatchObject({ status: 'revoked' });
  });

  it('a grant past its end is expired on chain by the expiry job', async () => {
    const requested = await access('POST', '/requests', 'consumer', { assetId, purpose: 'grid-planning', durationSeconds: 60 });
    const requestId = String(requested.body['id']);
    const granted = await access('POST', `/requests/${requestId}/approve`, 'owner', { reason: 'one minute' });
    const expiresAt = Date.parse(String((granted.body['grant'] as { expiresAt: string }).expiresAt));
    await eventually(() => access('GET', `/requests/${requestId}`, 'consumer'), (a) => a.body['status'] === 'granted' && a.body['lastTxId'] !== '', 'the grant in the read model');
    expect((await call(endpoints.accessPolicyUrl, 'POST', '/operator/expiry/run', await operatorToken('access-policy'))).status).toBe(200);
    expect((await access('GET', `/requests/${requestId}`, 'consumer')).body['status']).toBe('granted');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 1_000));
    const round = await call(endpoints.accessPolicyUrl, 'POST', '/operator/expiry/run', await operatorToken('access-policy'));
    expect(round.body['expired']).toBeGreaterThanOrEqual(1);
    await eventually(() => access('GET', `/requests/${requestId}`, 'consumer'), (a) => a.body['status'] === 'expired', 'the expiry in the read model');
    expect((await call(endpoints.storageUrl, 'GET', `/files/${assetId}/content`, token['consumer'])).status).toBe(403);
  }, 180_000);
});

import type { PlatformEndpoints } from '@gridledger/stack';
import { onboardUser, operatorToken, signIn, startPlatformServices, type PlatformUser } from '@gridledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, uploadAndAnchor, type Answer } from './story-client.ts';

/** The owner's other levers (policy edits, revocation) and time (expiry), on the real stack. */
describe('policies, revocation and expiry', () => {
  let endpoints: PlatformEndpoints;
  let owner: PlatformUser;
  let consumer: PlatformUser;
  const token: Record<string, string> = {};
  let assetId: string;
  const access = (method: string, path: string, as: string, body?: unknown): Promise<Answer> => call(endpoints.accessPolicyUrl, method, path, token[as], body);
  const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 1 };
  const grantFor = async (purpose: string) => {
    const requested = await access('POST', '/requests', 'consumer', { assetId, purpose, durationSeconds: 3600 });
    expect(requested.status).toBe(201);
    const id = String(requested.body['id']);
    expect((await access('POST', `/requests/${id}/approve`, 'owner', { reason: 'ok' })).body).toMatchObject({ status: 'granted' });
    return id;
  };

  beforeAll(async () => {
    endpoints = startPlatformServices();
    [owner, consumer] = await Promise.all([onboardUser(endpoints, 'GridMSP', 'owner'), onboardUser(endpoints, 'ConsumerMSP', 'consumer')]);
    token['owner'] = await signIn(endpoints, owner);
    token['consumer'] = await signIn(endpoints, consumer);
    const admin = endpoints.admins.find((a) => a.mspId === 'ConsumerMSP');
    if (!admin) throw new Error('no ConsumerMSP admin');
    expect((await call(endpoints.accessPolicyUrl, 'POST', `/accounts/${consumer.id}/credits`, await signIn(endpoints, admin), { amount: 100 })).status).toBe(201);
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

  it('the owner revokes a grant: the consumer can no longer download', async () => {
    const requestId = await grantFor('grid-planning');
    expect((await access('POST', `/requests/${requestId}/revoke`, 'consumer', { reason: 'no' })).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await access('POST', `/requests/${requestId}/revoke`, 'owner', { reason: 'contract ended' })).body).toMatchObject({ status: 'revoked' });
    const download = await call(endpoints.storageUrl, 'GET', `/files/${assetId}/content`, token['consumer']);
    expect(download.status).toBe(403);
    expect((await access('POST', `/requests/${requestId}/revoke`, 'owner', { reason: 'again' })).body).toMatchObject({ code: 'FAILED_PRECONDITION' });
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

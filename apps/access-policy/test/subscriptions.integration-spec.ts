import { generateRecipientKeyPair, openKeyEnvelope, type KeyEnvelope } from '@gridledger/file-crypto';
import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { call, eventually, ownerAndFundedConsumer, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * A consumer subscribes to a data product; each version the owner publishes during the term
 * reaches them without asking: a grant, a key envelope sealed to the key they named, and an
 * installment from their escrow to the owner. The escrow rule is chaincode/gridledger/EVENTS.md's.
 */
describe('a subscription to a data product, on the real stack', () => {
  let endpoints: PlatformEndpoints;
  let token: Record<'owner' | 'consumer', string>;
  let consumerId = '';
  const recipient = generateRecipientKeyPair();
  const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: ['forecasting'], maxDurationSeconds: 3600, maxDownloads: 2 };
  const month = (name: string, extra: Record<string, unknown> = {}) => ({ title: `Feeder 52 load curve, ${name}`, category: 'load-curve', sensitivity: 'internal', priceCredits: 10, policy, ...extra });
  const access = (method: string, path: string, as: 'owner' | 'consumer', body?: unknown) => call(endpoints.accessPolicyUrl, method, path, token[as], body);
  const account = async (as: 'owner' | 'consumer') => (await access('GET', '/accounts/me', as)).body as { balance: number; escrowed: number };
  let october = '';
  let november = '';
  let subscriptionId = '';
  let ownerBefore = 0;

  beforeAll(async () => {
    endpoints = startPlatformServices();
    const parties = await ownerAndFundedConsumer(endpoints, 100);
    token = parties.token;
    consumerId = parties.consumer.id;
    october = String((await uploadAndAnchor(endpoints, token.owner, month('October'), Buffer.from('t,kw\n10,1\n'), 'f52-10.csv'))['assetId']);
    ownerBefore = (await account('owner')).balance;
  }, 600_000);

  it('refuses a term longer than the policy allows and a count of versions out of range, and holds nothing', async () => {
    const tooLong = await access('POST', '/requests', 'consumer', { assetId: october, purpose: 'forecasting', durationSeconds: 7200, subscription: { versions: 3 } });
    expect(tooLong.body).toMatchObject({ code: 'POLICY_DENIED' });
    expect((await access('POST', '/requests', 'consumer', { assetId: october, purpose: 'forecasting', durationSeconds: 600, subscription: { versions: 0 } })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    expect((await access('POST', '/requests', 'consumer', { assetId: october, purpose: 'forecasting', durationSeconds: 600, subscription: { versions: 2, every: 'month' } })).body).toMatchObject({ statusCode: 400 });
    expect(await account('consumer')).toMatchObject({ balance: 100, escrowed: 0 });
  });

  it('holds installment × versions in escrow, and pays the first installment on the grant', async () => {
    const subscribed = await access('POST', '/requests', 'consumer', { assetId: october, purpose: 'forecasting', durationSeconds: 3600, recipientPublicKey: Buffer.from(recipient.publicKey).toString('base64'), subscription: { versions: 3 } });
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201);
    expect(subscribed.body).toMatchObject({ status: 'pending-owner', priceCredits: 30, subscription: { productId: october, versionsPaid: 3, installmentCredits: 10 } });
    subscriptionId = String(subscribed.body['id']);
    expect(await account('consumer')).toMatchObject({ balance: 70, escrowed: 30 });
    const granted = await access('POST', `/requests/${subscriptionId}/approve`, 'owner', { reason: 'monthly feed' });
    expect(granted.body).toMatchObject({ status: 'granted' });
    expect(await account('consumer')).toMatchObject({ balance: 70, escrowed: 20 });
    expect((await account('owner')).balance).toBe(ownerBefore + 10);
  });

  it('delivers the next version as it is published: a grant, a key sealed to the named key, one installment', async () => {
    november = String((await uploadAndAnchor(endpoints, token.owner, month('November', { versionOf: october }), Buffer.from('t,kw\n11,2\n'), 'f52-11.csv'))['assetId']);
    const deliveredId = `${subscriptionId}:v2`;
    const delivered = await eventually(() => access('GET', `/requests/${encodeURIComponent(deliveredId)}`, 'consumer'), (a) => a.status === 200 && (a.body['keyRelease'] as { status: string }).status === 'released', 'the delivery and its key release');
    expect(delivered.body).toMatchObject({ assetId: november, status: 'granted', priceCredits: 10, deliveredBy: subscriptionId, grant: { maxDownloads: 2 } });
    const envelope = await call(endpoints.storageUrl, 'GET', `/files/${november}/key-envelope`, token.consumer);
    expect(envelope.status, JSON.stringify(envelope.body)).toBe(200);
    expect((envelope.body['envelope'] as KeyEnvelope).cid).toBe((await call(endpoints.ledgerUrl, 'GET', `/assets/${november}`, token.owner)).body['cid']);
    expect((await openKeyEnvelope(recipient.privateKey, envelope.body['envelope'] as KeyEnvelope)).length).toBe(32);
    expect(await account('consumer')).toMatchObject({ balance: 70, escrowed: 10 });
    expect((await account('owner')).balance).toBe(ownerBefore + 20);
    const subscription = await access('GET', `/requests/${subscriptionId}`, 'consumer');
    expect(subscription.body).toMatchObject({ subscription: { versionsDelivered: 2, versionsPaid: 3 } });
    const lineage = await call(endpoints.ledgerUrl, 'GET', `/assets/${november}/lineage`, token.owner);
    expect(JSON.stringify(lineage.body)).toContain(`"requestId":"${deliveredId}"`);
  });

  it('refunds the undelivered rest when the owner revokes the subscription, and delivers nothing after', async () => {
    // the first version's key was released to the named key on the grant, so that installment was used and stays paid
    await eventually(() => access('GET', `/requests/${subscriptionId}`, 'consumer'), (a) => (a.body['keyRelease'] as { status: string }).status === 'released', "the first version's key release");
    const revoked = await access('POST', `/requests/${subscriptionId}/revoke`, 'owner', { reason: 'feed discontinued' });
    expect(revoked.body, JSON.stringify(revoked.body)).toMatchObject({ status: 'revoked' });
    expect(await account('consumer')).toMatchObject({ balance: 80, escrowed: 0 });
    const december = String((await uploadAndAnchor(endpoints, token.owner, month('December', { versionOf: november }), Buffer.from('t,kw\n12,3\n'), 'f52-12.csv'))['assetId']);
    expect((await call(endpoints.ledgerUrl, 'GET', `/assets/${december}/access/${consumerId}`, token.consumer)).body).toMatchObject({ allowed: false });
    expect((await access('GET', `/requests/${encodeURIComponent(`${subscriptionId}:v3`)}`, 'consumer')).status).toBe(404);
  });
});

import type { AccessRequest, DataAsset } from '@gridledger/domain';
import { actors, assetInput, expectCreditsConserved, expectEvent, expectRefusal, json, requestInput, setup, type Json } from '../test-support/fixtures.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { KEY } from '../keys.ts';

const { alice, bob, carol, rita, consumerAdmin } = actors;
const DAY = 86_400_000;

/** The escrow rule of subscriptions, as EVENTS.md writes it down, step by step with the credits. */
describe('subscriptions to a data product', () => {
  let t: ReturnType<typeof setup>;
  let latest = 'curve-1';
  let version = 1;

  const publish = async (overrides: Json = {}) => {
    version += 1;
    const id = `curve-${version}`;
    const outcome = await t.world.invoke(t.assets, 'RegisterAsset', alice, json(assetInput(id, { priceCredits: 10, versionOf: latest, ...overrides })));
    latest = id;
    return { id, data: expectEvent(outcome, 'AssetRegistered', { assetId: id, uid: 'alice' }, alice) };
  };
  const subscribe = (id: string, versions: number, overrides: Json = {}) =>
    t.world.invoke(t.access, 'RequestAccess', bob, json(requestInput(id, 'curve-1', { subscription: { versions }, ...overrides })));
  const approve = (id: string) => t.world.invoke(t.access, 'ApproveRequest', alice, id, 'ok');
  const stored = (id: string) => t.storedRequest(id) as AccessRequest;
  const balance = (uid: string) => t.account(uid)?.balance ?? 0;
  const escrowed = (uid: string) => t.account(uid)?.escrowed ?? 0;

  beforeEach(async () => {
    t = setup();
    latest = 'curve-1';
    version = 1;
    await t.register(alice, 'curve-1', { priceCredits: 10 });
    await t.mint(consumerAdmin, 'bob', 100);
  });

  it('holds installment × versions in escrow, pays one installment on the grant and one per version delivered', async () => {
    const requested = await subscribe('sub-1', 3);
    expect(requested.result).toMatchObject({ priceCredits: 30, escrow: 'held', subscription: { productId: 'curve-1', installmentCredits: 10, versionsPaid: 3, versionsDelivered: 0, remainingCredits: 30 } });
    expect(expectEvent(requested, 'AccessRequested', { assetId: 'curve-1', requestId: 'sub-1', uid: 'bob' }, bob)).toMatchObject({ escrowedCredits: 30, subscription: { productId: 'curve-1', versionsPaid: 3, installmentCredits: 10 } });
    expect([balance('bob'), escrowed('bob')]).toEqual([70, 30]);

    const granted = await approve('sub-1');
    expect(expectEvent(granted, 'AccessGranted', { assetId: 'curve-1', requestId: 'sub-1', uid: 'bob' }, alice)).toMatchObject({ paidCredits: 10 });
    expect(stored('sub-1')).toMatchObject({ status: 'granted', escrow: 'held', subscription: { versionsDelivered: 1, remainingCredits: 20 } });
    expect([balance('alice'), escrowed('bob')]).toEqual([10, 20]);
    expectCreditsConserved(t.world);

    const second = await publish();
    expect(second.data['deliveries']).toEqual([
      { subscriptionId: 'sub-1', requestId: 'sub-1:v2', consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, paidCredits: 10, expiresAt: stored('sub-1').grant?.expiresAt, maxDownloads: 3 },
    ]);
    expect(stored('sub-1:v2')).toMatchObject({ assetId: 'curve-2', status: 'granted', escrow: 'paid', priceCredits: 10, deliveredBy: 'sub-1', grant: { expiresAt: stored('sub-1').grant?.expiresAt } });
    expect([balance('alice'), escrowed('bob')]).toEqual([20, 10]);
    // the delivered grant is an ordinary grant: CheckAccess allows the subscriber on the new version
    expect(await t.world.evaluate(t.access, 'CheckAccess', bob, 'curve-2', 'bob')).toMatchObject({ allowed: true, requestId: 'sub-1:v2' });

    await publish();
    expect(stored('sub-1')).toMatchObject({ escrow: 'paid', subscription: { versionsDelivered: 3, remainingCredits: 0 } });
    const fourth = await publish();
    expect(fourth.data['deliveries']).toEqual([]);
    expect(fourth.data['withheld']).toEqual([{ subscriptionId: 'sub-1', consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, reason: 'all 3 versions paid for were delivered' }]);
    expect([balance('alice'), balance('bob'), escrowed('bob')]).toEqual([30, 70, 0]);
    expectCreditsConserved(t.world);
  });

  it('pays the owner once per subscriber when one version reaches several', async () => {
    await t.mint(consumerAdmin, 'carol', 100);
    await subscribe('sub-bob', 2);
    await approve('sub-bob');
    await t.world.invoke(t.access, 'RequestAccess', carol, json(requestInput('sub-carol', 'curve-1', { subscription: { versions: 2 } })));
    await approve('sub-carol');
    expect(balance('alice')).toBe(20);
    const second = await publish();
    expect((second.data['deliveries'] as { requestId: string }[]).map((d) => d.requestId)).toEqual(['sub-bob:v2', 'sub-carol:v2']);
    expect([balance('alice'), escrowed('bob'), escrowed('carol')]).toEqual([40, 0, 0]);
    expectCreditsConserved(t.world);
  });

  it('refunds what the term left undelivered when it ends, and delivers nothing after it', async () => {
    await subscribe('sub-1', 4, { durationSeconds: 86_400 });
    await approve('sub-1');
    await publish();
    t.world.advance(2 * DAY);
    const late = await publish();
    expect(late.data).not.toHaveProperty('deliveries');
    expect(t.storedRequest('sub-1:v3')).toBeUndefined();
    const expired = await t.world.invoke(t.access, 'ExpireRequest', bob, 'sub-1');
    expect(expectEvent(expired, 'RequestExpired', { assetId: 'curve-1', requestId: 'sub-1', uid: 'bob' }, bob)).toMatchObject({ previousStatus: 'granted', refundedCredits: 20 });
    expect([balance('alice'), balance('bob'), escrowed('bob')]).toEqual([20, 80, 0]);
    expect(t.world.values(KEY.subscriptionByProduct, 'curve-1')).toEqual([]);
    expectCreditsConserved(t.world);
  });

  it('refunds everything on rejection, and the unused installment and the rest on revocation', async () => {
    await subscribe('sub-1', 3);
    await t.world.invoke(t.access, 'RejectRequest', alice, 'sub-1', 'no');
    expect([balance('bob'), escrowed('bob')]).toEqual([100, 0]);

    await subscribe('sub-2', 3);
    await approve('sub-2');
    const revoked = await t.world.invoke(t.access, 'RevokeGrant', alice, 'sub-2', 'product discontinued');
    expect(expectEvent(revoked, 'GrantRevoked', { assetId: 'curve-1', requestId: 'sub-2', uid: 'bob' }, alice)).toMatchObject({ refundedCredits: 30 });
    expect([balance('alice'), balance('bob'), escrowed('bob')]).toEqual([0, 100, 0]);
    expect((await publish()).data).not.toHaveProperty('deliveries');
    expectCreditsConserved(t.world);
  });

  it('withholds a version from a frozen subscriber, from one the new policy refuses, and sensitive data the regulator never approved', async () => {
    await t.mint(consumerAdmin, 'carol', 100);
    await subscribe('sub-bob', 5);
    await approve('sub-bob');
    await t.world.invoke(t.access, 'RequestAccess', carol, json(requestInput('sub-carol', 'curve-1', { subscription: { versions: 5 } })));
    await approve('sub-carol');
    await t.world.invoke(t.supervision, 'FreezeUser', rita, 'carol', 'investigation');
    const frozen = await publish();
    expect(frozen.data['deliveries']).toMatchObject([{ subscriptionId: 'sub-bob' }]);
    expect(frozen.data['withheld']).toEqual([{ subscriptionId: 'sub-carol', consumer: { mspId: 'ConsumerMSP', uid: 'carol' }, reason: 'subscriber carol is frozen by the regulator' }]);

    const narrowed = await publish({ policy: { allowedOrgs: ['GridMSP'], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 86_400, maxDownloads: 1 } });
    expect((narrowed.data['withheld'] as { reason: string }[]).map((w) => w.reason)).toEqual([
      expect.stringMatching(/new version's policy refuses the subscriber: organisation ConsumerMSP/),
      'subscriber carol is frozen by the regulator',
    ]);
    const sensitive = await publish({ sensitivity: 'sensitive' });
    expect((sensitive.data['withheld'] as { subscriptionId: string; reason: string }[]).find((w) => w.subscriptionId === 'sub-bob')?.reason).toMatch(/needs the regulator's approval/);
    expect(sensitive.data['deliveries']).toEqual([]);
    expectCreditsConserved(t.world);
  });

  it('refuses a term longer than the policy allows, a count of versions out of range, and an id too long to name its deliveries', async () => {
    await expectRefusal(t.world, () => subscribe('sub-1', 3, { durationSeconds: 31 * 86_400 }), 'POLICY_DENIED', /exceeds the policy's maximum/);
    await expectRefusal(t.world, () => subscribe('sub-1', 0), 'INVALID_ARGUMENT');
    await expectRefusal(t.world, () => subscribe('sub-1', 121), 'INVALID_ARGUMENT');
    await expectRefusal(t.world, () => subscribe('sub-1', 2, { subscription: { versions: 2, extra: 1 } }), 'INVALID_ARGUMENT');
    await expectRefusal(t.world, () => subscribe('s'.repeat(97), 2), 'INVALID_ARGUMENT', /at most 96 characters/);
    await expectRefusal(t.world, () => subscribe('sub-1', 11), 'INSUFFICIENT_FUNDS');
  });

  it('lets a one-version request on a product stay what it was: no subscription, the whole price paid on the grant', async () => {
    await t.world.invoke(t.access, 'RequestAccess', bob, json(requestInput('one', 'curve-1')));
    await approve('one');
    expect(stored('one')).toMatchObject({ escrow: 'paid', priceCredits: 10 });
    expect(stored('one')).not.toHaveProperty('subscription');
    expect((await publish()).data).not.toHaveProperty('deliveries');
    expect(balance('alice')).toBe(10);
  });
});

export type { DataAsset };

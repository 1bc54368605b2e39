import type { AccessRequest, DataAsset } from '@gridledger/domain';
import { actors, expectCreditsConserved, expectEvent, expectRefusal, json, requestInput, rotationInput, setup, sha, type Json } from '../test-support/fixtures.ts';
import { platformIdentity, type FakeIdentity } from '../test-support/fabric-fake.ts';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { beforeEach, describe, expect, it } from 'vitest';
import { KEY } from '../keys.ts';

const { alice, oscar, otto, bob, carol, dave, rita, rex, gridAdmin, consumerAdmin, peer } = actors;
const DAY = 86_400_000;
const TTL = 7 * DAY;

describe('AccessContract', () => {
  let t: ReturnType<typeof setup>;
  let pub: DataAsset;

  beforeEach(async () => {
    t = setup();
    pub = await t.register(alice, 'pub', { priceCredits: 100 });
    await t.register(alice, 'sens', { sensitivity: 'sensitive', priceCredits: 200 });
    await t.mint(consumerAdmin, 'bob', 1000);
    await t.mint(consumerAdmin, 'carol', 50);
  });

  const invoke = {
    approve: (id = 'r1', by: FakeIdentity = alice, reason = 'fine') => t.world.invoke(t.access, 'ApproveRequest', by, id, reason),
    reject: (id = 'r1', by: FakeIdentity = alice, reason = 'no') => t.world.invoke(t.access, 'RejectRequest', by, id, reason),
    regApprove: (id = 'r1', by: FakeIdentity = rita, reason = 'lawful basis checked') => t.world.invoke(t.access, 'RegulatorApprove', by, id, reason),
    regReject: (id = 'r1', by: FakeIdentity = rita, reason = 'no lawful basis') => t.world.invoke(t.access, 'RegulatorReject', by, id, reason),
    revoke: (id = 'r1', by: FakeIdentity = alice, reason = 'contract ended') => t.world.invoke(t.access, 'RevokeGrant', by, id, reason),
    expire: (id = 'r1', by: FakeIdentity = bob) => t.world.invoke(t.access, 'ExpireRequest', by, id),
    download: (id = 'r1', body: Json = { ciphertextSha256: pub.ciphertextSha256, keyVersion: 1 }, by: FakeIdentity = bob) =>
      t.world.invoke(t.access, 'RecordDownload', by, id, json(body)),
    release: (id = 'r1', body: Json = { recipientKeySha256: sha('bob-public-key'), keyVersion: 1 }, by: FakeIdentity = bob) =>
      t.world.invoke(t.access, 'RecordKeyRelease', by, id, json(body)),
  };
  const check = async (assetId = 'pub', uid = 'bob', caller: FakeIdentity = bob) => t.world.evaluate(t.access, 'CheckAccess', caller, assetId, uid);
  const stored = (id = 'r1') => t.storedRequest(id) as AccessRequest;
  const grantPub = async (id = 'r1', overrides: Json = {}) => {
    await t.request(bob, id, 'pub', overrides);
    return (await invoke.approve(id)).result as unknown as AccessRequest;
  };

  describe('RequestAccess', () => {
    it('records a pending request and moves the price into escrow', async () => {
      const outcome = await t.world.invoke(t.access, 'RequestAccess', bob, json(requestInput('r1', 'pub', { purpose: 'planning', durationSeconds: 7200 })));
      const at = new Date(outcome.time).toISOString();
      expect(outcome.result).toEqual({
        docType: 'request', id: 'r1', assetId: 'pub', consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, owner: { mspId: 'GridMSP', uid: 'alice' },
        purpose: 'planning', durationSeconds: 7200, priceCredits: 100, escrow: 'held', requiresRegulator: false, status: 'pending-owner',
        decisions: [], grant: null, createdAt: at, updatedAt: at,
      });
      expect(stored()).toEqual(outcome.result);
      expect(t.account('bob')).toMatchObject({ balance: 900, escrowed: 100, minted: 1000 });
      expect(t.world.committed(t.world.compositeKey(KEY.requestByAssetConsumer, 'pub', 'bob', 'r1'))).toBeDefined();
      expect(t.world.validationParameter(t.world.compositeKey(KEY.request, 'r1'))).toBeUndefined();
      const data = expectEvent(outcome, 'AccessRequested', { assetId: 'pub', requestId: 'r1', uid: 'bob' }, bob);
      expect(data).toEqual({ consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, owner: { mspId: 'GridMSP', uid: 'alice' }, purpose: 'planning', durationSeconds: 7200, escrowedCredits: 100, requiresRegulator: false });
      expectCreditsConserved(t.world);
    });

    it.each(['sensitive', 'critical'])('puts a request for %s data under the regulator\'s and the owner\'s endorsement', async (sensitivity) => {
      await t.register(oscar, 'x', { sensitivity, priceCredits: 10 });
      const request = await t.request(bob, 'r1', 'x');
      expect(request).toMatchObject({ requiresRegulator: true, status: 'pending-owner' });
      const policy = t.world.validationParameter(t.world.compositeKey(KEY.request, 'r1'));
      expect(policy).toBeDefined();
      expect(new KeyEndorsementPolicy(policy).listOrgs().sort()).toEqual(['GridMSP', 'RegulatorMSP']);
    });

    it('needs no regulator and sets no key policy for internal data', async () => {
      await t.register(alice, 'int', { sensitivity: 'internal' });
      expect((await t.request(bob, 'r1', 'int')).requiresRegulator).toBe(false);
      expect(t.world.validationParameter(t.world.compositeKey(KEY.request, 'r1'))).toBeUndefined();
    });

    it('holds nothing for a free asset, even for a user without an account', async () => {
      await t.register(alice, 'free', { priceCredits: 0 });
      const request = await t.request(dave, 'r1', 'free');
      expect(request).toMatchObject({ priceCredits: 0, status: 'pending-owner' });
      expect(t.account('dave')).toBeUndefined();
    });

    it.each<[string, string]>([
      ['malformed JSON', '{"requestId":'],
      ['an unknown field', json(requestInput('r1', 'pub', { priceCredits: 0 }))],
      ['a malformed request id', json(requestInput('r 1', 'pub'))],
      ['an oversize purpose', json(requestInput('r1', 'pub', { purpose: 'p'.repeat(65) }))],
      ['a zero duration', json(requestInput('r1', 'pub', { durationSeconds: 0 }))],
      ['a negative duration', json(requestInput('r1', 'pub', { durationSeconds: -1 }))],
      ['an absurd duration', json(requestInput('r1', 'pub', { durationSeconds: 1e12 }))],
    ])('refuses %s as INVALID_ARGUMENT and holds nothing', async (_label, body) => {
      await expectRefusal(t.world, () => t.world.invoke(t.access, 'RequestAccess', bob, body), 'INVALID_ARGUMENT');
      expect(t.account('bob')).toMatchObject({ balance: 1000, escrowed: 0 });
    });

    it('refuses a reused request id, from anyone, for any asset', async () => {
      await t.request(bob, 'r1', 'pub');
      await expectRefusal(t.world, () => t.request(carol, 'r1', 'sens'), 'ALREADY_EXISTS', /request r1 already exists/);
      await expectRefusal(t.world, () => t.request(bob, 'r1', 'pub'), 'ALREADY_EXISTS');
    });

    it('refuses an unknown asset, a frozen asset and a retired asset', async () => {
      await expectRefusal(t.world, () => t.request(bob, 'r1', 'nope'), 'NOT_FOUND', /asset nope does not exist/);
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'pub', 'audit');
      await expectRefusal(t.world, () => t.request(bob, 'r1', 'pub'), 'FROZEN', /asset pub is frozen/);
      await t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'pub', 'ok');
      await t.world.invoke(t.assets, 'RetireAsset', alice, 'pub', 'old');
      await expectRefusal(t.world, () => t.request(bob, 'r1', 'pub'), 'FAILED_PRECONDITION', /retired/);
    });

    it('refuses an owner requesting their own asset, even when the policy admits owners', async () => {
      await t.register(alice, 'own', { policy: { allowedRoles: ['owner'], maxDurationSeconds: 86400, maxDownloads: 1 } });
      await expectRefusal(t.world, () => t.request(alice, 'r1', 'own'), 'FAILED_PRECONDITION', /owners do not request access to their own assets/);
      await t.mint(gridAdmin, 'oscar', 500);
      expect((await t.request(oscar, 'r1', 'own')).status).toBe('pending-owner');
    });

    it.each<[string, Json, FakeIdentity, Json, RegExp]>([
      ['an organisation not allowed', { allowedOrgs: ['GridMSP'] }, bob, {}, /organisation ConsumerMSP is not among the allowed organisations/],
      ['a role not allowed (owners by default)', {}, oscar, {}, /allows requests from consumer, not owner/],
      ['a role not allowed (admins)', { allowedRoles: ['consumer'] }, consumerAdmin, {}, /not admin/],
      ['a role not allowed (regulators)', {}, rita, {}, /not regulator/],
      ['a purpose not allowed', { allowedPurposes: ['planning'] }, bob, { purpose: 'marketing' }, /purpose "marketing" is not among the allowed purposes/],
      ['a duration over the maximum', { maxDurationSeconds: 3600 }, bob, { durationSeconds: 3601 }, /exceeds the policy's maximum of 3600 s/],
    ])('refuses %s as POLICY_DENIED', async (_label, policy, caller, request, message) => {
      await t.register(alice, 'p', { policy: { maxDurationSeconds: 86400, maxDownloads: 1, ...policy } });
      await expectRefusal(t.world, () => t.request(caller, 'r1', 'p', request), 'POLICY_DENIED', message);
    });

    it('admits exactly what the policy lists', async () => {
      await t.register(alice, 'p', { policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['planning'], maxDurationSeconds: 3600, maxDownloads: 1 } });
      expect((await t.request(bob, 'r1', 'p', { purpose: 'planning', durationSeconds: 3600 })).status).toBe('pending-owner');
    });

    it('refuses a consumer who cannot pay, with or without an account, and holds nothing', async () => {
      await expectRefusal(t.world, () => t.request(carol, 'r1', 'pub'), 'INSUFFICIENT_FUNDS', /costs 100 credits and carol has 50/);
      await expectRefusal(t.world, () => t.request(dave, 'r1', 'pub'), 'INSUFFICIENT_FUNDS', /dave has 0/);
      expect(t.account('carol')).toMatchObject({ balance: 50, escrowed: 0 });
      expect(t.account('dave')).toBeUndefined();
    });

    it('refuses a frozen consumer and a frozen owner', async () => {
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud');
      await expectRefusal(t.world, () => t.request(bob, 'r1', 'pub'), 'FROZEN', /consumer bob is frozen/);
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'bob', 'ok');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'audit');
      await expectRefusal(t.world, () => t.request(bob, 'r1', 'pub'), 'FROZEN', /owner alice is frozen/);
    });

    it('refuses node identities', async () => {
      await expectRefusal(t.world, () => t.request(peer, 'r1', 'pub'), 'UNAUTHENTICATED');
    });

    describe('one open request per consumer and asset', () => {
      it('refuses a second request while one is pending, for the owner or the regulator', async () => {
        await t.request(bob, 'r1', 'pub');
        await expectRefusal(t.world, () => t.request(bob, 'r2', 'pub'), 'FAILED_PRECONDITION', /bob already has an open request \(r1, pending-owner\) for asset pub/);
        await t.request(bob, 's1', 'sens');
        await invoke.approve('s1');
        await expectRefusal(t.world, () => t.request(bob, 's2', 'sens'), 'FAILED_PRECONDITION', /\(s1, pending-regulator\)/);
      });

      it('refuses a second request while a grant is live, and lets another consumer ask', async () => {
        await grantPub();
        await expectRefusal(t.world, () => t.request(bob, 'r2', 'pub'), 'FAILED_PRECONDITION', /\(r1, granted\)/);
        await t.mint(consumerAdmin, 'carol', 100);
        expect((await t.request(carol, 'c1', 'pub')).status).toBe('pending-owner');
      });

      it('allows a new request once the old one is rejected', async () => {
        await t.request(bob, 'r1', 'pub');
        await invoke.reject();
        expect((await t.request(bob, 'r2', 'pub')).status).toBe('pending-owner');
      });

      it('allows a new request once the grant\'s budget is used up', async () => {
        await grantPub();
        for (let i = 0; i < 3; i += 1) await invoke.download();
        expect((await t.request(bob, 'r2', 'pub')).status).toBe('pending-owner');
      });

      it('allows a new request once the grant has ended, or the pending one outlived its time to live', async () => {
        const grant = await grantPub();
        t.world.setTime(Date.parse(grant.grant?.expiresAt ?? ''));
        const second = await t.request(bob, 'r2', 'pub');
        t.world.setTime(Date.parse(second.createdAt) + TTL);
        expect((await t.request(bob, 'r3', 'pub')).status).toBe('pending-owner');
        expect(t.account('bob')).toMatchObject({ escrowed: 200 });
        expectCreditsConserved(t.world);
      });
    });
  });

  describe('ApproveRequest on public data', () => {
    beforeEach(async () => {
      await t.request(bob, 'r1', 'pub', { durationSeconds: 3600 });
    });

    it('grants access at once and pays the owner from escrow', async () => {
      const outcome = await invoke.approve('r1', alice, 'for the 2025 plan');
      const at = new Date(outcome.time).toISOString();
      expect(outcome.result).toMatchObject({
        status: 'granted', escrow: 'paid', updatedAt: at,
        decisions: [{ by: { mspId: 'GridMSP', uid: 'alice', role: 'owner' }, decision: 'approved', reason: 'for the 2025 plan', at, txId: outcome.txId }],
        grant: { grantedAt: at, expiresAt: new Date(outcome.time + 3600_000).toISOString(), maxDownloads: 3, used: 0, keyReleases: 0, downloads: 0 },
      });
      expect(stored()).toEqual(outcome.result);
      expect(t.account('bob')).toMatchObject({ balance: 900, escrowed: 0 });
      expect(t.account('alice')).toEqual({ docType: 'account', uid: 'alice', mspId: 'GridMSP', balance: 100, escrowed: 0, minted: 0 });
      const data = expectEvent(outcome, 'AccessGranted', { assetId: 'pub', requestId: 'r1', uid: 'bob' }, alice);
      expect(data).toEqual({ consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, decidedBy: { mspId: 'GridMSP', uid: 'alice', role: 'owner' }, reason: 'for the 2025 plan', expiresAt: new Date(outcome.time + 3600_000).toISOString(), maxDownloads: 3, paidCredits: 100 });
      expectCreditsConserved(t.world);
    });

    it('records "approved" when no reason is given, and refuses an oversize one', async () => {
      await expectRefusal(t.world, () => invoke.approve('r1', alice, 'r'.repeat(501)), 'INVALID_ARGUMENT', /reason/);
      expect((await invoke.approve('r1', alice, '')).result['decisions']).toMatchObject([{ reason: 'approved' }]);
    });

    it('refuses anyone but the asset\'s owner', async () => {
      await expectRefusal(t.world, () => invoke.approve('r1', oscar), 'FORBIDDEN', /only the owner of asset pub may decide request r1/);
      await expectRefusal(t.world, () => invoke.approve('r1', otto), 'FORBIDDEN', /only the owner/);
      for (const caller of [bob, carol, rita, gridAdmin]) await expectRefusal(t.world, () => invoke.approve('r1', caller), 'FORBIDDEN', /needs the role owner/);
      await expectRefusal(t.world, () => invoke.approve('r1', peer), 'UNAUTHENTICATED');
      expect(stored().status).toBe('pending-owner');
    });

    it('refuses an unknown or malformed request id', async () => {
      await expectRefusal(t.world, () => invoke.approve('r9'), 'NOT_FOUND', /request r9 does not exist/);
      await expectRefusal(t.world, () => invoke.approve('r 1'), 'INVALID_ARGUMENT');
    });

    it('refuses a request that is already decided', async () => {
      await invoke.approve();
      await expectRefusal(t.world, () => invoke.approve(), 'FAILED_PRECONDITION', /request r1 is granted, not pending-owner/);
    });

    it('refuses a request not decided within 7 days, up to the millisecond', async () => {
      const createdAt = Date.parse(stored().createdAt);
      t.world.setTime(createdAt + TTL);
      await expectRefusal(t.world, () => invoke.approve(), 'FAILED_PRECONDITION', /not decided within 7 days; call ExpireRequest/);
      t.world.setTime(createdAt + TTL - 1);
      expect((await invoke.approve()).result['status']).toBe('granted');
    });

    it('refuses while the asset is frozen or retired, or either party is frozen', async () => {
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'pub', 'audit');
      await expectRefusal(t.world, () => invoke.approve(), 'FROZEN', /asset pub is frozen/);
      await t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'pub', 'ok');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud');
      await expectRefusal(t.world, () => invoke.approve(), 'FROZEN', /consumer bob is frozen/);
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'bob', 'ok');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'audit');
      await expectRefusal(t.world, () => invoke.approve(), 'FROZEN', /owner alice is frozen/);
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'alice', 'ok');
      await t.world.invoke(t.assets, 'RetireAsset', alice, 'pub', 'old');
      await expectRefusal(t.world, () => invoke.approve(), 'FAILED_PRECONDITION', /retired/);
    });
  });

  describe('sensitive data: owner, then regulator', () => {
    beforeEach(async () => {
      await t.request(bob, 'r1', 'sens');
    });

    it('turns the owner\'s approval into a request for the regulator, paying nothing yet', async () => {
      const outcome = await invoke.approve('r1', alice, 'ok from us');
      expect(outcome.result).toMatchObject({ status: 'pending-regulator', escrow: 'held', grant: null, decisions: [{ decision: 'approved', by: { uid: 'alice', role: 'owner' } }] });
      expect(t.account('bob')).toMatchObject({ balance: 800, escrowed: 200 });
      expect(t.account('alice')).toBeUndefined();
      const data = expectEvent(outcome, 'RequestOwnerApproved', { assetId: 'sens', requestId: 'r1', uid: 'bob' }, alice);
      expect(data).toEqual({ consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, sensitivity: 'sensitive', reason: 'ok from us' });
      expect((await check('sens')).code).toBe('PENDING');
    });

    it('grants when the regulator approves, and pays the owner then', async () => {
      await invoke.approve();
      const outcome = await invoke.regApprove();
      expect(outcome.result).toMatchObject({ status: 'granted', escrow: 'paid', grant: { used: 0, maxDownloads: 3 } });
      expect((outcome.result['decisions'] as AccessRequest['decisions']).map((d) => [d.by.uid, d.by.role, d.decision])).toEqual([['alice', 'owner', 'approved'], ['rita', 'regulator', 'approved']]);
      expect(t.account('alice')).toMatchObject({ balance: 200 });
      expect(t.account('bob')).toMatchObject({ balance: 800, escrowed: 0 });
      const data = expectEvent(outcome, 'AccessGranted', { assetId: 'sens', requestId: 'r1', uid: 'bob' }, rita);
      expect(data).toMatchObject({ decidedBy: { mspId: 'RegulatorMSP', uid: 'rita', role: 'regulator' }, paidCredits: 200 });
      expect((await check('sens')).allowed).toBe(true);
      expect(new KeyEndorsementPolicy(t.world.validationParameter(t.world.compositeKey(KEY.request, 'r1'))).listOrgs()).toContain('RegulatorMSP');
      expectCreditsConserved(t.world);
    });

    it('does not let the regulator approve before the owner', async () => {
      await expectRefusal(t.world, () => invoke.regApprove(), 'FAILED_PRECONDITION', /request r1 is pending-owner, not pending-regulator/);
    });

    it('refuses RegulatorApprove to anyone but a RegulatorMSP regulator', async () => {
      await invoke.approve();
      await expectRefusal(t.world, () => invoke.regApprove('r1', rex), 'FORBIDDEN', /only RegulatorMSP regulators may supervise/);
      for (const caller of [alice, bob, consumerAdmin]) await expectRefusal(t.world, () => invoke.regApprove('r1', caller), 'FORBIDDEN', /needs the role regulator/);
      await expectRefusal(t.world, () => invoke.regApprove('r1', peer), 'UNAUTHENTICATED');
      expect(stored().status).toBe('pending-regulator');
    });

    it('refuses RegulatorApprove past the time to live, on a frozen asset or for a frozen party', async () => {
      await invoke.approve();
      const createdAt = Date.parse(stored().createdAt);
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'sens', 'audit');
      await expectRefusal(t.world, () => invoke.regApprove(), 'FROZEN');
      await t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'sens', 'ok');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud');
      await expectRefusal(t.world, () => invoke.regApprove(), 'FROZEN', /consumer bob/);
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'bob', 'ok');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'audit');
      await expectRefusal(t.world, () => invoke.regApprove(), 'FROZEN', /owner alice/);
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'alice', 'ok');
      t.world.setTime(createdAt + TTL);
      await expectRefusal(t.world, () => invoke.regApprove(), 'FAILED_PRECONDITION', /not decided within 7 days/);
    });

    it('refunds the consumer when the regulator rejects, before or after the owner\'s approval', async () => {
      await invoke.approve();
      const outcome = await invoke.regReject('r1', rita, 'purpose too broad');
      expect(outcome.result).toMatchObject({ status: 'rejected', escrow: 'refunded', grant: null });
      expect((outcome.result['decisions'] as AccessRequest['decisions']).at(-1)).toMatchObject({ by: { uid: 'rita', role: 'regulator' }, decision: 'rejected', reason: 'purpose too broad' });
      expect(t.account('bob')).toMatchObject({ balance: 1000, escrowed: 0 });
      const data = expectEvent(outcome, 'RequestRejected', { assetId: 'sens', requestId: 'r1', uid: 'bob' }, rita);
      expect(data).toEqual({ consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, decidedBy: { mspId: 'RegulatorMSP', uid: 'rita', role: 'regulator' }, reason: 'purpose too broad', refundedCredits: 200 });
      expect((await check('sens')).code).toBe('REJECTED');
      await t.request(bob, 'r2', 'sens');
      expect((await invoke.regReject('r2')).result['status']).toBe('rejected');
      expectCreditsConserved(t.world);
    });

    it('refuses RegulatorReject on public data, decided requests, without a reason, and to non-regulators', async () => {
      await t.request(bob, 'p1', 'pub');
      await expectRefusal(t.world, () => invoke.regReject('p1'), 'FAILED_PRECONDITION', /does not need the regulator/);
      await expectRefusal(t.world, () => invoke.regReject('r1', rita, ''), 'INVALID_ARGUMENT', /reason/);
      await expectRefusal(t.world, () => invoke.regReject('r1', rex), 'FORBIDDEN');
      await expectRefusal(t.world, () => invoke.regReject('r1', alice), 'FORBIDDEN');
      await invoke.approve();
      await invoke.regApprove();
      await expectRefusal(t.world, () => invoke.regReject(), 'FAILED_PRECONDITION', /request r1 is granted and cannot be rejected now/);
    });
  });

  describe('sensitivity raised after the request', () => {
    it.each([['public', 'sensitive'], ['internal', 'critical']])('sends a %s request to the regulator once the asset is %s, under the regulator\'s endorsement', async (from, to) => {
      await t.register(alice, 'x', { sensitivity: from, priceCredits: 30 });
      expect((await t.request(bob, 'r1', 'x')).requiresRegulator).toBe(false);
      const requestKey = t.world.compositeKey(KEY.request, 'r1');
      expect(t.world.validationParameter(requestKey)).toBeUndefined();
      await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'x', json({ sensitivity: to }));
      const outcome = await invoke.approve('r1');
      expect(outcome.result).toMatchObject({ status: 'pending-regulator', requiresRegulator: true, escrow: 'held', grant: null });
      expect(expectEvent(outcome, 'RequestOwnerApproved', { assetId: 'x', requestId: 'r1', uid: 'bob' }, alice)).toMatchObject({ sensitivity: to });
      expect(new KeyEndorsementPolicy(t.world.validationParameter(requestKey)).listOrgs().sort()).toEqual(['GridMSP', 'RegulatorMSP']);
      expect(t.account('alice')).toBeUndefined();
      expect((await check('x')).code).toBe('PENDING');
      expect((await invoke.regApprove()).result).toMatchObject({ status: 'granted', escrow: 'paid' });
      expect(t.account('alice')).toMatchObject({ balance: 30 });
      expectCreditsConserved(t.world);
    });

    it('lets the regulator reject an escalated request', async () => {
      await t.request(bob, 'r1', 'pub');
      await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'pub', json({ sensitivity: 'critical' }));
      await invoke.approve();
      expect((await invoke.regReject()).result).toMatchObject({ status: 'rejected', escrow: 'refunded' });
      expect(t.account('bob')).toMatchObject({ balance: 1000, escrowed: 0 });
    });

    it('leaves a grant made before the raise as it is, without a key-level policy', async () => {
      await grantPub();
      await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'pub', json({ sensitivity: 'sensitive' }));
      expect((await check()).allowed).toBe(true);
      expect(t.world.validationParameter(t.world.compositeKey(KEY.request, 'r1'))).toBeUndefined();
    });
  });

  describe('RejectRequest', () => {
    beforeEach(async () => {
      await t.request(bob, 'r1', 'pub');
    });

    it('rejects a pending request and refunds the escrow', async () => {
      const outcome = await invoke.reject('r1', alice, 'not for marketing');
      expect(outcome.result).toMatchObject({ status: 'rejected', escrow: 'refunded', decisions: [{ by: { uid: 'alice', role: 'owner' }, decision: 'rejected', reason: 'not for marketing' }] });
      expect(t.account('bob')).toMatchObject({ balance: 1000, escrowed: 0 });
      const data = expectEvent(outcome, 'RequestRejected', { assetId: 'pub', requestId: 'r1', uid: 'bob' }, alice);
      expect(data).toMatchObject({ reason: 'not for marketing', refundedCredits: 100 });
      expect((await check()).code).toBe('REJECTED');
      expectCreditsConserved(t.world);
    });

    it('lets the owner withdraw an approval that still waits for the regulator', async () => {
      await t.request(bob, 's1', 'sens');
      await invoke.approve('s1');
      expect((await invoke.reject('s1')).result).toMatchObject({ status: 'rejected', escrow: 'refunded' });
      expect(t.account('bob')).toMatchObject({ balance: 900, escrowed: 100 });
    });

    it('refuses a decided request, a missing reason and anyone but the owner', async () => {
      await expectRefusal(t.world, () => invoke.reject('r1', alice, ''), 'INVALID_ARGUMENT', /reason must be 1 to 500/);
      await expectRefusal(t.world, () => invoke.reject('r1', oscar), 'FORBIDDEN', /only the owner of asset pub/);
      await expectRefusal(t.world, () => invoke.reject('r1', otto), 'FORBIDDEN');
      await expectRefusal(t.world, () => invoke.reject('r1', bob), 'FORBIDDEN', /needs the role owner/);
      await expectRefusal(t.world, () => invoke.reject('r1', rita), 'FORBIDDEN');
      await expectRefusal(t.world, () => invoke.reject('nope'), 'NOT_FOUND');
      await invoke.approve();
      await expectRefusal(t.world, () => invoke.reject(), 'FAILED_PRECONDITION', /request r1 is granted; only a pending request can be rejected/);
    });
  });

  describe('RevokeGrant', () => {
    it('refuses while the owner is frozen, since the refund would flow from them', async () => {
      await grantPub();
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'audit');
      await expectRefusal(t.world, () => invoke.revoke('r1', alice, 'too late'), 'FROZEN');
    });

    it('revokes an unused grant and refunds the consumer from the owner', async () => {
      await grantPub();
      const outcome = await invoke.revoke('r1', alice, 'data was wrong');
      expect(outcome.result).toMatchObject({ status: 'revoked', escrow: 'refunded' });
      expect((outcome.result['decisions'] as AccessRequest['decisions']).at(-1)).toMatchObject({ decision: 'revoked', reason: 'data was wrong', by: { uid: 'alice' } });
      expect(t.account('alice')).toMatchObject({ balance: 0 });
      expect(t.account('bob')).toMatchObject({ balance: 1000, escrowed: 0 });
      expect(expectEvent(outcome, 'GrantRevoked', { assetId: 'pub', requestId: 'r1', uid: 'bob' }, alice)).toEqual({ consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, reason: 'data was wrong', refundedCredits: 100 });
      expect((await check()).code).toBe('REVOKED');
      expectCreditsConserved(t.world);
    });

    it('keeps the payment when the grant was used', async () => {
      await grantPub();
      await invoke.download();
      const outcome = await invoke.revoke();
      expect(outcome.result).toMatchObject({ status: 'revoked', escrow: 'paid' });
      expect(outcome.event?.payload.data['refundedCredits']).toBe(0);
      expect(t.account('alice')).toMatchObject({ balance: 100 });
      expect(t.account('bob')).toMatchObject({ balance: 900 });
      await expectRefusal(t.world, () => invoke.download(), 'FORBIDDEN', /REVOKED/);
      expectCreditsConserved(t.world);
    });

    it('refuses to refund more than the owner has left', async () => {
      await grantPub();
      await t.register(oscar, 'o1', { priceCredits: 100, policy: { allowedRoles: ['owner'], maxDurationSeconds: 86400, maxDownloads: 1 } });
      await t.request(alice, 'a1', 'o1');
      await expectRefusal(t.world, () => invoke.revoke(), 'INSUFFICIENT_FUNDS', /refunding an unused grant needs 100 credits from alice, who has 0/);
    });

    it('refuses a request that is not a grant, a missing reason, and anyone but the owner', async () => {
      await t.request(bob, 'r1', 'pub');
      await expectRefusal(t.world, () => invoke.revoke(), 'FAILED_PRECONDITION', /request r1 is pending-owner; only a grant can be revoked/);
      await invoke.approve();
      await expectRefusal(t.world, () => invoke.revoke('r1', alice, ''), 'INVALID_ARGUMENT');
      await expectRefusal(t.world, () => invoke.revoke('r1', oscar), 'FORBIDDEN', /only the owner of asset pub may revoke request r1/);
      await expectRefusal(t.world, () => invoke.revoke('r1', otto), 'FORBIDDEN');
      await expectRefusal(t.world, () => invoke.revoke('r1', bob), 'FORBIDDEN');
      await expectRefusal(t.world, () => invoke.revoke('r1', rita), 'FORBIDDEN');
      await invoke.revoke();
      await expectRefusal(t.world, () => invoke.revoke(), 'FAILED_PRECONDITION', /is revoked/);
    });
  });

  describe('ExpireRequest', () => {
    it('expires a request pending past 7 days and refunds it, for the consumer, the owner or a regulator', async () => {
      for (const [id, caller] of [['r1', bob], ['r2', alice], ['r3', rita]] as const) {
        const created = Date.parse((await t.request(bob, id, 'pub')).createdAt);
        t.world.setTime(created + TTL - 1);
        await expectRefusal(t.world, () => invoke.expire(id, caller), 'FAILED_PRECONDITION', new RegExp(`request ${id} \\(pending-owner\\) has not expired`));
        t.world.setTime(created + TTL);
        const outcome = await invoke.expire(id, caller);
        expect(outcome.result).toMatchObject({ status: 'expired', escrow: 'refunded' });
        expect((outcome.result['decisions'] as AccessRequest['decisions']).at(-1)).toMatchObject({ decision: 'expired', reason: 'expired by transaction time' });
        const data = expectEvent(outcome, 'RequestExpired', { assetId: 'pub', requestId: id, uid: 'bob' }, caller);
        expect(data).toEqual({ consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, previousStatus: 'pending-owner', refundedCredits: 100 });
        expect(t.account('bob')).toMatchObject({ balance: 1000, escrowed: 0 });
        expectCreditsConserved(t.world);
      }
    });

    it('expires a request left with the regulator and refunds it', async () => {
      const created = Date.parse((await t.request(bob, 'r1', 'sens')).createdAt);
      await invoke.approve();
      t.world.setTime(created + TTL);
      const outcome = await invoke.expire('r1', rita);
      expect(outcome.event?.payload.data).toMatchObject({ previousStatus: 'pending-regulator', refundedCredits: 200 });
      expect(t.account('bob')).toMatchObject({ balance: 1000, escrowed: 0 });
    });

    it('expires a grant past its end without refunding the paid price', async () => {
      const grant = await grantPub();
      const end = Date.parse(grant.grant?.expiresAt ?? '');
      t.world.setTime(end - 1);
      await expectRefusal(t.world, () => invoke.expire(), 'FAILED_PRECONDITION', /request r1 \(granted\) has not expired/);
      t.world.setTime(end);
      const outcome = await invoke.expire('r1', alice);
      expect(outcome.result).toMatchObject({ status: 'expired', escrow: 'paid' });
      expect(outcome.event?.payload.data).toMatchObject({ previousStatus: 'granted', refundedCredits: 0 });
      expect(t.account('alice')).toMatchObject({ balance: 100 });
      expect((await check()).code).toBe('EXPIRED');
      expectCreditsConserved(t.world);
    });

    it('refuses outsiders, decided requests and unknown ids', async () => {
      const created = Date.parse((await t.request(bob, 'r1', 'pub')).createdAt);
      t.world.setTime(created + TTL);
      for (const caller of [carol, oscar, gridAdmin, rex]) await expectRefusal(t.world, () => invoke.expire('r1', caller), 'FORBIDDEN', /only the parties to request r1 or a regulator/);
      await expectRefusal(t.world, () => invoke.expire('r1', peer), 'UNAUTHENTICATED');
      await expectRefusal(t.world, () => invoke.expire('r9'), 'NOT_FOUND');
      await invoke.reject();
      await expectRefusal(t.world, () => invoke.expire(), 'FAILED_PRECONDITION', /\(rejected\) has not expired/);
    });
  });

  describe('CheckAccess', () => {
    it('does not let a same-uid user of another organisation see the grant', async () => {
      await grantPub();
      const impostor = platformIdentity('GridMSP', 'consumer', 'bob');
      expect(await t.world.evaluate(t.access, 'CheckAccess', impostor, 'pub', 'bob')).toMatchObject({ allowed: false, code: 'NO_GRANT' });
      expect((await check()).allowed).toBe(true);
    });

    it('says NO_GRANT when there is no request, PENDING while one waits, and allows a live grant', async () => {
      expect(await check()).toMatchObject({ assetId: 'pub', uid: 'bob', allowed: false, code: 'NO_GRANT', requestId: null, expiresAt: null, remainingDownloads: 0 });
      await t.request(bob, 'r1', 'pub');
      expect(await check()).toMatchObject({ allowed: false, code: 'PENDING', requestId: 'r1' });
      const grant = await invoke.approve();
      const decision = await check();
      expect(decision).toEqual({
        assetId: 'pub', uid: 'bob', checkedAt: expect.any(String) as unknown, allowed: true, code: null, reason: 'granted', requestId: 'r1',
        expiresAt: (grant.result['grant'] as { expiresAt: string }).expiresAt, remainingDownloads: 3,
      });
    });

    it('stamps the check with the transaction time', async () => {
      t.world.setTime('2025-05-05T05:05:05.000Z');
      expect((await check())['checkedAt']).toBe('2025-05-05T05:05:05.000Z');
    });

    it('passes until the grant expires and fails from the expiry instant on', async () => {
      const grant = await grantPub('r1', { durationSeconds: 3600 });
      const end = Date.parse(grant.grant?.expiresAt ?? '');
      expect(end - Date.parse(grant.grant?.grantedAt ?? '')).toBe(3600_000);
      t.world.setTime(end - 1);
      expect((await check()).allowed).toBe(true);
      t.world.setTime(end);
      expect(await check()).toMatchObject({ allowed: false, code: 'EXPIRED', requestId: 'r1' });
      await expectRefusal(t.world, () => invoke.download(), 'FORBIDDEN', /access denied \(EXPIRED\)/);
    });

    it('fails once the budget is used by key releases and downloads together', async () => {
      await grantPub();
      await invoke.release();
      expect((await check())['remainingDownloads']).toBe(2);
      await invoke.download();
      // a release to another key is another release (the same one again would be the one already paid for)
      await invoke.release('r1', { recipientKeySha256: sha('bob-second-key'), keyVersion: 1 });
      expect(await check()).toMatchObject({ allowed: false, code: 'BUDGET_EXHAUSTED', remainingDownloads: 0 });
      expect(stored().grant).toMatchObject({ used: 3, keyReleases: 2, downloads: 1 });
      await expectRefusal(t.world, () => invoke.release('r1', { recipientKeySha256: sha('bob-third-key'), keyVersion: 1 }), 'FORBIDDEN', /BUDGET_EXHAUSTED/);
    });

    it('fails while the asset is frozen and passes again once it is unfrozen', async () => {
      await grantPub();
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'pub', 'audit');
      expect(await check()).toMatchObject({ allowed: false, code: 'ASSET_FROZEN' });
      await t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'pub', 'cleared');
      expect((await check()).allowed).toBe(true);
    });

    it('fails while the consumer or the owner is frozen', async () => {
      await grantPub();
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud');
      expect(await check()).toMatchObject({ allowed: false, code: 'CONSUMER_FROZEN' });
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'bob', 'ok');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'audit');
      expect(await check()).toMatchObject({ allowed: false, code: 'OWNER_FROZEN' });
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'alice', 'ok');
      expect((await check()).allowed).toBe(true);
    });

    it('fails once the asset is retired', async () => {
      await grantPub();
      await t.world.invoke(t.assets, 'RetireAsset', alice, 'pub', 'old');
      expect(await check()).toMatchObject({ allowed: false, code: 'ASSET_RETIRED' });
    });

    it('explains the request closest to access when there are several', async () => {
      await t.request(bob, 'r1', 'pub');
      await invoke.reject();
      await t.request(bob, 'r2', 'pub');
      expect(await check()).toMatchObject({ code: 'PENDING', requestId: 'r2' });
      await invoke.approve('r2');
      expect(await check()).toMatchObject({ allowed: true, requestId: 'r2' });
    });

    it('answers the consumer about themselves, the owner about their asset and a regulator about anyone', async () => {
      await grantPub();
      expect((await check('pub', 'bob', alice)).allowed).toBe(true);
      expect((await check('pub', 'bob', rita)).allowed).toBe(true);
      expect((await check('pub', 'carol', carol)).code).toBe('NO_GRANT');
      await expectRefusal(t.world, () => check('pub', 'bob', carol), 'FORBIDDEN', /a user may check only their own access/);
      await expectRefusal(t.world, () => check('pub', 'bob', oscar), 'FORBIDDEN');
      await expectRefusal(t.world, () => check('pub', 'bob', consumerAdmin), 'FORBIDDEN');
      await expectRefusal(t.world, () => check('pub', 'bob', rex), 'FORBIDDEN');
      await expectRefusal(t.world, () => check('pub', 'bob', peer), 'UNAUTHENTICATED');
      await expectRefusal(t.world, () => check('nope', 'bob'), 'NOT_FOUND');
      await expectRefusal(t.world, () => check('pub', 'b b'), 'INVALID_ARGUMENT');
    });
  });

  describe('RecordKeyRelease and RecordDownload', () => {
    beforeEach(async () => {
      await grantPub();
    });

    it('records a key release, spends one unit and says what remains', async () => {
      const body = { recipientKeySha256: sha('bob-key'), keyVersion: 1 };
      const outcome = await invoke.release('r1', body);
      expect(outcome.result).toEqual({ requestId: 'r1', assetId: 'pub', kind: 'key-release', remainingDownloads: 2, txId: outcome.txId });
      expect(stored().grant).toMatchObject({ used: 1, keyReleases: 1, downloads: 0 });
      expect(stored().updatedAt).toBe(new Date(outcome.time).toISOString());
      expect(t.world.read(t.world.compositeKey(KEY.keyRelease, 'r1', outcome.txId))).toEqual({
        docType: 'key-release', requestId: 'r1', assetId: 'pub', consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, at: new Date(outcome.time).toISOString(), txId: outcome.txId, ...body,
      });
      const data = expectEvent(outcome, 'KeyReleased', { assetId: 'pub', requestId: 'r1', uid: 'bob' }, bob);
      expect(data).toEqual({ consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, ...body, remainingDownloads: 2 });
    });

    it('records a repeated release of the same key version to the same key once: no budget spent, no event', async () => {
      const body = { recipientKeySha256: sha('bob-key'), keyVersion: 1 };
      const first = await invoke.release('r1', body);
      const again = await invoke.release('r1', body);
      expect(again.result).toEqual({ requestId: 'r1', assetId: 'pub', kind: 'key-release', remainingDownloads: 2, txId: first.txId, repeated: true });
      expect(again.events).toEqual([]);
      expect(stored().grant).toMatchObject({ used: 1, keyReleases: 1 });
      // another recipient key is another release
      expect((await invoke.release('r1', { ...body, recipientKeySha256: sha('bob-other-key') })).result['remainingDownloads']).toBe(1);
    });

    it('lets a release that used the last unit be repeated, but not once the grant is revoked', async () => {
      const body = { recipientKeySha256: sha('bob-key'), keyVersion: 1 };
      await invoke.download();
      await invoke.download();
      await invoke.release('r1', body);
      expect(stored().grant?.used).toBe(3);
      expect((await invoke.release('r1', body)).result).toMatchObject({ repeated: true, remainingDownloads: 0 });
      await expectRefusal(t.world, () => invoke.release('r1', { ...body, recipientKeySha256: sha('new-key') }), 'FORBIDDEN', /BUDGET_EXHAUSTED/);
      await t.world.invoke(t.access, 'RevokeGrant', alice, 'r1', 'misuse');
      await expectRefusal(t.world, () => invoke.release('r1', body), 'FORBIDDEN', /REVOKED/);
    });

    it('records a download of the anchored file, spends one unit and says what remains', async () => {
      const outcome = await invoke.download();
      expect(outcome.result).toMatchObject({ kind: 'download', remainingDownloads: 2 });
      expect(stored().grant).toMatchObject({ used: 1, keyReleases: 0, downloads: 1 });
      expect(t.world.read(t.world.compositeKey(KEY.download, 'r1', outcome.txId))).toMatchObject({ docType: 'download', ciphertextSha256: pub.ciphertextSha256, keyVersion: 1 });
      const data = expectEvent(outcome, 'DownloadRecorded', { assetId: 'pub', requestId: 'r1', uid: 'bob' }, bob);
      expect(data).toEqual({ consumer: { mspId: 'ConsumerMSP', uid: 'bob' }, ciphertextSha256: pub.ciphertextSha256, keyVersion: 1, remainingDownloads: 2 });
    });

    it('refuses a download whose ciphertext hash is not the anchored one', async () => {
      await expectRefusal(t.world, () => invoke.download('r1', { ciphertextSha256: sha('tampered'), keyVersion: 1 }), 'INVALID_ARGUMENT', /the file read is not the file anchored/);
      expect(stored().grant?.used).toBe(0);
    });

    it('refuses a key version other than the asset\'s current one, also after a rotation', async () => {
      await expectRefusal(t.world, () => invoke.download('r1', { ciphertextSha256: pub.ciphertextSha256, keyVersion: 2 }), 'INVALID_ARGUMENT', /keyVersion 2 is not the asset's current key version 1/);
      await expectRefusal(t.world, () => invoke.release('r1', { recipientKeySha256: sha('k'), keyVersion: 2 }), 'INVALID_ARGUMENT', /current key version 1/);
      const rotation = rotationInput(pub);
      await t.world.invoke(t.assets, 'RotateAssetKey', alice, 'pub', json(rotation));
      await expectRefusal(t.world, () => invoke.download('r1', { ciphertextSha256: pub.ciphertextSha256, keyVersion: 2 }), 'INVALID_ARGUMENT', /not the file anchored/);
      await expectRefusal(t.world, () => invoke.release('r1', { recipientKeySha256: sha('k'), keyVersion: 1 }), 'INVALID_ARGUMENT', /current key version 2/);
      expect((await invoke.download('r1', { ciphertextSha256: rotation['ciphertextSha256'], keyVersion: 2 })).result['remainingDownloads']).toBe(2);
    });

    it.each<[string, 'release' | 'download', string]>([
      ['malformed JSON', 'download', '{'],
      ['an unknown field', 'download', json({ ciphertextSha256: sha('x'), keyVersion: 1, path: '/tmp' })],
      ['a malformed hash', 'download', json({ ciphertextSha256: 'abc', keyVersion: 1 })],
      ['key version 0', 'download', json({ ciphertextSha256: sha('x'), keyVersion: 0 })],
      ['a missing key version', 'release', json({ recipientKeySha256: sha('x') })],
      ['a malformed recipient key hash', 'release', json({ recipientKeySha256: sha('x').toUpperCase(), keyVersion: 1 })],
      ['an unknown release field', 'release', json({ recipientKeySha256: sha('x'), keyVersion: 1, key: 'secret' })],
    ])('refuses %s as INVALID_ARGUMENT', async (_label, kind, body) => {
      await expectRefusal(t.world, () => t.world.invoke(t.access, kind === 'release' ? 'RecordKeyRelease' : 'RecordDownload', bob, 'r1', body), 'INVALID_ARGUMENT');
    });

    it('refuses anyone but the consumer of the grant', async () => {
      for (const caller of [carol, alice, rita, consumerAdmin]) await expectRefusal(t.world, () => invoke.download('r1', undefined, caller), 'FORBIDDEN', /only the consumer of request r1 may use its grant/);
      await expectRefusal(t.world, () => invoke.release('r1', undefined, peer), 'UNAUTHENTICATED');
      await expectRefusal(t.world, () => invoke.release('r9'), 'NOT_FOUND');
    });

    it('refuses with FROZEN while the asset or a party is frozen, and FORBIDDEN when there is no live grant', async () => {
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'pub', 'audit');
      await expectRefusal(t.world, () => invoke.download(), 'FROZEN', /ASSET_FROZEN/);
      await t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'pub', 'ok');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud');
      await expectRefusal(t.world, () => invoke.release(), 'FROZEN', /CONSUMER_FROZEN/);
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'bob', 'ok');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'audit');
      await expectRefusal(t.world, () => invoke.download(), 'FROZEN', /OWNER_FROZEN/);
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'alice', 'ok');
      await t.request(bob, 's1', 'sens');
      await expectRefusal(t.world, () => invoke.release('s1'), 'FORBIDDEN', /access denied \(PENDING\)/);
      expect(stored().grant?.used).toBe(0);
    });
  });

  describe('GetRequest', () => {
    it('shows the request to its consumer, its owner and regulators only', async () => {
      const request = await t.request(bob, 'r1', 'pub');
      for (const caller of [bob, alice, rita]) expect(await t.world.evaluate(t.access, 'GetRequest', caller, 'r1')).toEqual(request);
      for (const caller of [carol, oscar, otto, consumerAdmin, rex]) await expectRefusal(t.world, () => t.world.evaluate(t.access, 'GetRequest', caller, 'r1'), 'FORBIDDEN', /visible to its consumer, its owner and regulators/);
      await expectRefusal(t.world, () => t.world.evaluate(t.access, 'GetRequest', peer, 'r1'), 'UNAUTHENTICATED');
      await expectRefusal(t.world, () => t.world.evaluate(t.access, 'GetRequest', bob, 'r2'), 'NOT_FOUND', /request r2 does not exist/);
    });
  });

  describe('credits through a whole workflow', () => {
    it('conserves balance + escrow = minted after every step, refusals included', async () => {
      const step = async <T>(call: Promise<T>): Promise<T> => {
        const outcome = await call;
        expectCreditsConserved(t.world);
        return outcome;
      };
      const refused = async (call: () => Promise<unknown>) => {
        await expect(call()).rejects.toHaveProperty('code');
        expectCreditsConserved(t.world);
      };
      await step(t.mint(consumerAdmin, 'carol', 950));
      await step(t.request(bob, 'r1', 'pub'));
      await step(t.request(carol, 'c1', 'pub'));
      await step(t.request(bob, 's1', 'sens'));
      await refused(() => t.request(carol, 'c2', 'sens', { durationSeconds: 0 }));
      await step(invoke.approve('r1'));
      await step(invoke.reject('c1'));
      await step(invoke.approve('s1'));
      await step(invoke.regApprove('s1'));
      await step(invoke.download('r1'));
      await step(invoke.revoke('r1'));
      await step(invoke.revoke('s1'));
      await step(t.request(carol, 'c3', 'sens'));
      await refused(() => invoke.regApprove('c3'));
      t.world.advance(TTL);
      await step(invoke.expire('c3', carol));
      expect(t.account('bob')).toMatchObject({ balance: 900, escrowed: 0 });
      expect(t.account('carol')).toMatchObject({ balance: 1000, escrowed: 0 });
      expect(t.account('alice')).toMatchObject({ balance: 100, escrowed: 0 });
    });
  });
});

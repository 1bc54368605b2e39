import { actors, assetInput, cidV0, expectEvent, expectRefusal, json, rotationInput, setup, sha, type Json } from '../test-support/fixtures.ts';
import { platformIdentity } from '../test-support/fabric-fake.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChaincodeErrorCode, DataAsset } from '@gridledger/domain';
import { KEY } from '../keys.ts';

const { alice, oscar, otto, bob, rita, rex, gridAdmin, peer, noUid, noRole } = actors;

describe('DataAssetContract', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  describe('RegisterAsset', () => {
    it('anchors the asset with the owner from the certificate, key version 1, active, at transaction time', async () => {
      const input = assetInput('feeder-7', { sensitivity: 'internal', policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: [], allowedPurposes: ['planning'], maxDurationSeconds: 3600, maxDownloads: 2 } });
      const outcome = await t.world.invoke(t.assets, 'RegisterAsset', alice, json(input));
      const at = new Date(outcome.time).toISOString();
      expect(outcome.result).toEqual({ ...input, docType: 'asset', owner: { mspId: 'GridMSP', uid: 'alice' }, keyVersion: 1, status: 'active', product: { id: 'feeder-7', version: 1, previousAssetId: null }, createdAt: at, updatedAt: at });
      expect(t.storedAsset('feeder-7')).toEqual(outcome.result);
      const data = expectEvent(outcome, 'AssetRegistered', { assetId: 'feeder-7', uid: 'alice' }, alice);
      expect(data['asset']).toEqual(outcome.result);
    });

    it('writes one index entry per queryable attribute', async () => {
      await t.register(alice, 'a1', { category: 'generation', sensitivity: 'critical' });
      for (const [index, value] of [[KEY.assetByOwner, 'alice'], [KEY.assetByOrg, 'GridMSP'], [KEY.assetByCategory, 'generation'], [KEY.assetBySensitivity, 'critical'], [KEY.assetByStatus, 'active']]) {
        expect(t.world.committed(t.world.compositeKey(index as string, value as string, 'a1'))?.length, `${index}`).toBe(1);
      }
    });

    it('refuses a reused id, whoever registers it', async () => {
      await t.register(alice, 'a1');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RegisterAsset', alice, json(assetInput('a1', { title: 'again' }))), 'ALREADY_EXISTS', /asset a1 already exists/);
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RegisterAsset', otto, json(assetInput('a1'))), 'ALREADY_EXISTS');
      expect(t.storedAsset('a1')?.owner.uid).toBe('alice');
    });

    it.each<[string, string]>([
      ['malformed JSON', '{"id":"a1",'],
      ['a JSON array', '[]'],
      ['an unknown field', json(assetInput('a1', { owner: { mspId: 'GridMSP', uid: 'mallory' } }))],
      ['a status field', json(assetInput('a1', { status: 'active' }))],
      ['an oversize title', json(assetInput('a1', { title: 'x'.repeat(201) }))],
      ['an oversize description', json(assetInput('a1', { description: 'x'.repeat(4001) }))],
      ['a bad category', json(assetInput('a1', { category: 'weather' }))],
      ['a bad sensitivity', json(assetInput('a1', { sensitivity: 'secret' }))],
      ['a malformed SHA-256', json(assetInput('a1', { ciphertextSha256: 'abc123' }))],
      ['a malformed CID', json(assetInput('a1', { cid: `Qm${'O'.repeat(44)}` }))],
      ['a negative price', json(assetInput('a1', { priceCredits: -1 }))],
      ['an absurd price', json(assetInput('a1', { priceCredits: 1e12 }))],
      ['an absurd size', json(assetInput('a1', { sizeBytes: 2 * 1024 ** 5 }))],
      ['an absurd policy duration', json(assetInput('a1', { policy: { maxDurationSeconds: 1e10, maxDownloads: 1 } }))],
      ['a zero download budget', json(assetInput('a1', { policy: { maxDurationSeconds: 60, maxDownloads: 0 } }))],
      ['a document over 64 KiB', json(assetInput('a1', { description: 'x'.repeat(70_000) }))],
    ])('refuses %s as INVALID_ARGUMENT and writes nothing', async (_label, body) => {
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RegisterAsset', alice, body), 'INVALID_ARGUMENT');
      expect(t.world.snapshot()).toEqual({});
    });

    it('refuses certificates without the GridLedger attributes as UNAUTHENTICATED', async () => {
      for (const caller of [peer, noUid, noRole, actors.badRole]) {
        await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RegisterAsset', caller, json(assetInput('a1'))), 'UNAUTHENTICATED');
      }
    });

    it('refuses every role but owner as FORBIDDEN', async () => {
      for (const caller of [bob, rita, gridAdmin, rex]) {
        await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RegisterAsset', caller, json(assetInput('a1'))), 'FORBIDDEN', /needs the role owner/);
      }
    });

    it('refuses a frozen owner', async () => {
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'investigation');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RegisterAsset', alice, json(assetInput('a1'))), 'FROZEN', /owner alice is frozen by the regulator: investigation/);
    });
  });

  describe('UpdateAssetMetadata', () => {
    beforeEach(async () => {
      await t.register(alice, 'a1', { sensitivity: 'internal' });
    });

    it('changes the given fields only, stamps updatedAt and reports the changes', async () => {
      const before = t.storedAsset('a1') as DataAsset;
      const patch = { title: 'Feeder 7, 2024', priceCredits: 0, policy: { allowedOrgs: ['ConsumerMSP'], maxDurationSeconds: 60, maxDownloads: 1 } };
      const outcome = await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json(patch));
      const expected = { ...before, title: 'Feeder 7, 2024', priceCredits: 0, policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 60, maxDownloads: 1 }, updatedAt: new Date(outcome.time).toISOString() };
      expect(outcome.result).toEqual(expected);
      expect(t.storedAsset('a1')).toEqual(expected);
      const data = expectEvent(outcome, 'AssetMetadataUpdated', { assetId: 'a1', uid: 'alice' }, alice);
      expect(data['changes']).toEqual({ title: 'Feeder 7, 2024', priceCredits: 0, policy: expected.policy });
    });

    it('lets sensitivity go up, or stay, but never down', async () => {
      await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ sensitivity: 'internal' }));
      await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ sensitivity: 'sensitive' }));
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ sensitivity: 'public' })), 'INVALID_ARGUMENT', /sensitivity can only be raised; a1 is sensitive/);
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ sensitivity: 'internal', title: 'x' })), 'INVALID_ARGUMENT');
      await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ sensitivity: 'critical' }));
      expect(t.storedAsset('a1')?.sensitivity).toBe('critical');
    });

    it('moves the index entries of changed attributes', async () => {
      await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ category: 'generation', sensitivity: 'critical' }));
      expect(t.world.committed(t.world.compositeKey(KEY.assetByCategory, 'load-curve', 'a1'))).toBeUndefined();
      expect(t.world.committed(t.world.compositeKey(KEY.assetBySensitivity, 'internal', 'a1'))).toBeUndefined();
      expect(t.world.committed(t.world.compositeKey(KEY.assetByCategory, 'generation', 'a1'))).toBeDefined();
      expect(t.world.committed(t.world.compositeKey(KEY.assetBySensitivity, 'critical', 'a1'))).toBeDefined();
      expect(t.world.committed(t.world.compositeKey(KEY.assetByOwner, 'alice', 'a1'))).toBeDefined();
    });

    it.each<[string, string]>([
      ['an empty patch', '{}'],
      ['malformed JSON', '{title:'],
      ['an immutable field', json({ cid: cidV0('other') })],
      ['an owner change', json({ owner: { mspId: 'GridMSP', uid: 'oscar' } })],
      ['a status change', json({ status: 'active' })],
      ['an oversize title', json({ title: 'x'.repeat(201) })],
      ['a negative price', json({ priceCredits: -10 })],
      ['a bad category', json({ category: 'nope' })],
    ])('refuses %s as INVALID_ARGUMENT', async (_label, patch) => {
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', patch), 'INVALID_ARGUMENT');
    });

    it('refuses other owners, of the same or another organisation, and other roles', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', oscar, 'a1', json({ title: 'mine' })), 'FORBIDDEN', /only the owner of asset a1 may change it/);
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', otto, 'a1', json({ title: 'mine' })), 'FORBIDDEN', /only the owner/);
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', bob, 'a1', json({ title: 'mine' })), 'FORBIDDEN', /needs the role owner/);
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', peer, 'a1', json({ title: 'mine' })), 'UNAUTHENTICATED');
    });

    it('refuses an owner with the same uid in another organisation', async () => {
      const impostor = platformIdentity('ConsumerMSP', 'owner', 'alice');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', impostor, 'a1', json({ title: 'mine' })), 'FORBIDDEN');
    });

    it('refuses a missing asset, a malformed id, a frozen or retired asset and a frozen owner', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'nope', json({ title: 'x' })), 'NOT_FOUND', /asset nope does not exist/);
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a/1', json({ title: 'x' })), 'INVALID_ARGUMENT');
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'audit');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ title: 'x' })), 'FROZEN');
      await t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'a1', 'audit done');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'audit');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ title: 'x' })), 'FROZEN', /owner alice is frozen/);
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'alice', 'cleared');
      await t.world.invoke(t.assets, 'RetireAsset', alice, 'a1', 'superseded');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ title: 'x' })), 'FAILED_PRECONDITION', /retired/);
    });
  });

  describe('RetireAsset', () => {
    beforeEach(async () => {
      await t.register(alice, 'a1');
    });

    it('retires the asset, moves its status index and emits AssetRetired with the reason', async () => {
      const outcome = await t.world.invoke(t.assets, 'RetireAsset', alice, 'a1', 'superseded by a2');
      expect(outcome.result).toMatchObject({ id: 'a1', status: 'retired', updatedAt: new Date(outcome.time).toISOString() });
      expect(t.storedAsset('a1')?.status).toBe('retired');
      expect(t.world.committed(t.world.compositeKey(KEY.assetByStatus, 'active', 'a1'))).toBeUndefined();
      expect(t.world.committed(t.world.compositeKey(KEY.assetByStatus, 'retired', 'a1'))).toBeDefined();
      expect(expectEvent(outcome, 'AssetRetired', { assetId: 'a1', uid: 'alice' }, alice)).toEqual({ reason: 'superseded by a2' });
    });

    it('refuses a second retirement, a frozen asset, a missing or oversize reason', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RetireAsset', alice, 'a1', ''), 'INVALID_ARGUMENT', /reason/);
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RetireAsset', alice, 'a1', 'r'.repeat(501)), 'INVALID_ARGUMENT', /reason/);
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'audit');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RetireAsset', alice, 'a1', 'done'), 'FROZEN', /the regulator must unfreeze it first/);
      await t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'a1', 'ok');
      await t.world.invoke(t.assets, 'RetireAsset', alice, 'a1', 'done');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RetireAsset', alice, 'a1', 'again'), 'FAILED_PRECONDITION', /already retired/);
    });

    it('refuses anyone but the asset\'s owner', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RetireAsset', oscar, 'a1', 'mine now'), 'FORBIDDEN', /only the owner of asset a1/);
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RetireAsset', otto, 'a1', 'mine now'), 'FORBIDDEN');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RetireAsset', rita, 'a1', 'mine now'), 'FORBIDDEN', /needs the role owner/);
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RetireAsset', noUid, 'a1', 'mine now'), 'UNAUTHENTICATED');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RetireAsset', alice, 'a2', 'x'), 'NOT_FOUND');
    });
  });

  describe('RotateAssetKey', () => {
    let asset: DataAsset;
    beforeEach(async () => {
      asset = await t.register(alice, 'a1');
    });

    it('records the re-encryption and reports the previous and current anchors', async () => {
      const rotation = rotationInput(asset);
      const outcome = await t.world.invoke(t.assets, 'RotateAssetKey', alice, 'a1', json(rotation));
      expect(outcome.result).toEqual({ ...asset, ...rotation, updatedAt: new Date(outcome.time).toISOString() });
      expect(t.storedAsset('a1')?.keyVersion).toBe(2);
      const data = expectEvent(outcome, 'AssetKeyRotated', { assetId: 'a1', uid: 'alice' }, alice);
      expect(data).toEqual({
        previous: { cid: asset.cid, ciphertextSha256: asset.ciphertextSha256, keyVersion: 1, sizeBytes: asset.sizeBytes, encryptionScheme: 'AES-256-GCM' },
        current: { cid: rotation['cid'], ciphertextSha256: rotation['ciphertextSha256'], keyVersion: 2, sizeBytes: asset.sizeBytes + 16, encryptionScheme: 'AES-256-GCM' },
      });
      const again = await t.world.invoke(t.assets, 'RotateAssetKey', alice, 'a1', json(rotationInput(t.storedAsset('a1') as DataAsset)));
      expect(again.result['keyVersion']).toBe(3);
    });

    it.each<[string, Json, ChaincodeErrorCode, RegExp]>([
      ['a skipped key version', { keyVersion: 3 }, 'FAILED_PRECONDITION', /keyVersion must be 2, the next after 1/],
      ['the current key version', { keyVersion: 1 }, 'INVALID_ARGUMENT', /keyVersion must be between 2/],
      ['a changed plaintext hash', { plaintextSha256: sha('other data') }, 'INVALID_ARGUMENT', /plaintextSha256 differs from the asset/],
      ['an unchanged CID', { cid: null }, 'INVALID_ARGUMENT', /cid is unchanged/],
      ['a malformed CID', { cid: 'QmNope' }, 'INVALID_ARGUMENT', /cid must be/],
      ['a malformed ciphertext hash', { ciphertextSha256: 'XYZ' }, 'INVALID_ARGUMENT', /ciphertextSha256/],
      ['an unknown field', { title: 'x' }, 'INVALID_ARGUMENT', /rotation has unknown field/],
    ])('refuses %s', async (_label, overrides, code, message) => {
      const rotation = rotationInput(asset, overrides);
      if (rotation['cid'] === null) rotation['cid'] = asset.cid;
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RotateAssetKey', alice, 'a1', json(rotation)), code, message);
      expect(t.storedAsset('a1')).toEqual(asset);
    });

    it('refuses other owners, a frozen or retired asset and a frozen owner', async () => {
      const rotation = json(rotationInput(asset));
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RotateAssetKey', oscar, 'a1', rotation), 'FORBIDDEN');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RotateAssetKey', otto, 'a1', rotation), 'FORBIDDEN');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RotateAssetKey', bob, 'a1', rotation), 'FORBIDDEN');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'audit');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RotateAssetKey', alice, 'a1', rotation), 'FROZEN');
      await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'alice', 'ok');
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'audit');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RotateAssetKey', alice, 'a1', rotation), 'FROZEN');
      await t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'a1', 'ok');
      await t.world.invoke(t.assets, 'RetireAsset', alice, 'a1', 'old');
      await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RotateAssetKey', alice, 'a1', rotation), 'FAILED_PRECONDITION');
    });
  });

  describe('GetAsset', () => {
    it('shows any platform user the asset, and refuses node identities', async () => {
      const asset = await t.register(alice, 'a1');
      for (const caller of [bob, otto, rita, gridAdmin]) expect(await t.world.evaluate(t.assets, 'GetAsset', caller, 'a1')).toEqual(asset);
      await expectRefusal(t.world, () => t.world.evaluate(t.assets, 'GetAsset', peer, 'a1'), 'UNAUTHENTICATED');
      await expectRefusal(t.world, () => t.world.evaluate(t.assets, 'GetAsset', bob, 'a2'), 'NOT_FOUND', /asset a2 does not exist/);
      await expectRefusal(t.world, () => t.world.evaluate(t.assets, 'GetAsset', bob, ''), 'INVALID_ARGUMENT');
    });
  });

  describe('QueryAssets', () => {
    const ids = (page: Json) => (page['assets'] as DataAsset[]).map((a) => a.id);
    const query = (filter: Json | string, pageSize = '50', bookmark = '') =>
      t.world.evaluate(t.assets, 'QueryAssets', bob, typeof filter === 'string' ? filter : json(filter), pageSize, bookmark);

    beforeEach(async () => {
      await t.register(alice, 'a1', { category: 'load-curve', sensitivity: 'public' });
      await t.register(alice, 'a2', { category: 'generation', sensitivity: 'sensitive' });
      await t.register(oscar, 'a3', { category: 'load-curve', sensitivity: 'critical' });
      await t.register(otto, 'a4', { category: 'consumption-statistics', sensitivity: 'internal' });
      await t.register(oscar, 'a5', { category: 'other', sensitivity: 'public' });
      await t.world.invoke(t.assets, 'RetireAsset', oscar, 'a3', 'old');
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a2', 'audit');
    });

    it('answers an empty page, not a fault, when nothing matches (the shim then gives no metadata)', async () => {
      expect(await query({ ownerUid: 'nobody' })).toEqual({ assets: [], bookmark: '', fetched: 0 });
    });

    it.each<[string, Json | string, string[]]>([
      ['no filter', {}, ['a1', 'a2', 'a3', 'a4', 'a5']],
      ['an empty filter string', '', ['a1', 'a2', 'a3', 'a4', 'a5']],
      ['owner', { ownerUid: 'alice' }, ['a1', 'a2']],
      ['organisation', { mspId: 'GridMSP' }, ['a1', 'a2', 'a3', 'a5']],
      ['another organisation', { mspId: 'ConsumerMSP' }, ['a4']],
      ['category', { category: 'load-curve' }, ['a1', 'a3']],
      ['sensitivity', { sensitivity: 'public' }, ['a1', 'a5']],
      ['status active', { status: 'active' }, ['a1', 'a4', 'a5']],
      ['status frozen', { status: 'frozen' }, ['a2']],
      ['status retired', { status: 'retired' }, ['a3']],
      ['owner and category', { ownerUid: 'alice', category: 'generation' }, ['a2']],
      ['organisation, sensitivity and status', { mspId: 'GridMSP', sensitivity: 'public', status: 'active' }, ['a1', 'a5']],
      ['an owner with no assets', { ownerUid: 'nobody' }, []],
    ])('filters by %s', async (_label, filter, expected) => {
      expect(ids(await query(filter))).toEqual(expected);
    });

    it('applies secondary filters after the index, so a page may be short while fetched counts the index', async () => {
      const page = await query({ ownerUid: 'alice', category: 'generation' });
      expect(page['fetched']).toBe(2);
      expect(ids(page)).toEqual(['a2']);
    });

    it('pages through the catalogue with bookmarks, each asset once', async () => {
      const seen: string[] = [];
      let bookmark = '';
      let pages = 0;
      do {
        const page = await query({}, '2', bookmark);
        expect((page['assets'] as unknown[]).length).toBeLessThanOrEqual(2);
        seen.push(...ids(page));
        bookmark = String(page['bookmark']);
        pages += 1;
      } while (bookmark !== '' && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    });

    it('refuses a bookmark no page of this query returned, naming it, instead of failing the query', async () => {
      await expectRefusal(t.world, () => query({}, '2', 'abc'), 'INVALID_ARGUMENT', /bookmark is not one this query returned/);
      const first = await query({}, '1');
      // a bookmark of the whole catalogue is no bookmark of one category's index
      await expectRefusal(t.world, () => query({ category: 'load-curve' }, '1', String(first['bookmark'])), 'INVALID_ARGUMENT', /bookmark/);
    });

    it('follows changes of indexed attributes', async () => {
      await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ category: 'generation' }));
      expect(ids(await query({ category: 'load-curve' }))).toEqual(['a3']);
      expect(ids(await query({ category: 'generation' }))).toEqual(['a1', 'a2']);
    });

    it.each<[string, string, string]>([
      ['an unknown filter field', json({ owner: 'alice' }), '10'],
      ['malformed filter JSON', '{', '10'],
      ['a bad category', json({ category: 'nope' }), '10'],
      ['a bad status', json({ status: 'deleted' }), '10'],
      ['a bad sensitivity', json({ sensitivity: 'secret' }), '10'],
      ['a bad owner id', json({ ownerUid: 'a b' }), '10'],
      ['a bad MSP id', json({ mspId: '1MSP' }), '10'],
      ['a zero page size', '{}', '0'],
      ['an oversize page', '{}', '201'],
      ['a non-numeric page size', '{}', 'ten'],
    ])('refuses %s', async (_label, filter, pageSize) => {
      await expectRefusal(t.world, () => t.world.evaluate(t.assets, 'QueryAssets', bob, filter, pageSize, ''), 'INVALID_ARGUMENT');
    });

    it('refuses node identities', async () => {
      await expectRefusal(t.world, () => t.world.evaluate(t.assets, 'QueryAssets', peer, '{}', '10', ''), 'UNAUTHENTICATED');
    });
  });

  describe('GetAssetHistory', () => {
    it('returns every version of the asset, newest first, with txId and time', async () => {
      const registered = await t.world.invoke(t.assets, 'RegisterAsset', alice, json(assetInput('a1')));
      t.world.advance(3_600_000);
      const updated = await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ title: 'Renamed' }));
      const rotated = await t.world.invoke(t.assets, 'RotateAssetKey', alice, 'a1', json(rotationInput(t.storedAsset('a1') as DataAsset)));
      const history = (await t.world.evaluate(t.assets, 'GetAssetHistory', bob, 'a1')) as unknown as { txId: string; timestamp: string; isDelete: boolean; asset: DataAsset }[];
      expect(history.map((v) => v.txId)).toEqual([rotated.txId, updated.txId, registered.txId]);
      expect(history.map((v) => v.timestamp)).toEqual([rotated, updated, registered].map((o) => new Date(o.time).toISOString()));
      expect(history.every((v) => !v.isDelete)).toBe(true);
      expect(history.map((v) => v.asset)).toEqual([rotated.result, updated.result, registered.result]);
    });

    it('refuses an unknown asset, a malformed id and node identities', async () => {
      await expectRefusal(t.world, () => t.world.evaluate(t.assets, 'GetAssetHistory', bob, 'a1'), 'NOT_FOUND', /asset a1 has no history/);
      await expectRefusal(t.world, () => t.world.evaluate(t.assets, 'GetAssetHistory', bob, 'a 1'), 'INVALID_ARGUMENT');
      await t.register(alice, 'a1');
      await expectRefusal(t.world, () => t.world.evaluate(t.assets, 'GetAssetHistory', peer, 'a1'), 'UNAUTHENTICATED');
    });
  });
});

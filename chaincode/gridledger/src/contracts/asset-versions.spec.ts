import { actors, assetInput, expectEvent, expectRefusal, json, setup } from '../test-support/fixtures.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DataAsset, DataProduct } from '@gridledger/domain';
import { KEY } from '../keys.ts';

const { alice, oscar, rita } = actors;

describe('data products: RegisterAsset with versionOf', () => {
  let t: ReturnType<typeof setup>;
  const publish = async (id: string, versionOf: string, overrides: Record<string, unknown> = {}) =>
    (await t.world.invoke(t.assets, 'RegisterAsset', alice, json(assetInput(id, { sensitivity: 'internal', versionOf, ...overrides })))).result as unknown as DataAsset;
  const head = (productId: string) => t.world.read<DataProduct>(t.world.compositeKey(KEY.product, productId));

  beforeEach(async () => {
    t = setup();
    await t.register(alice, 'curve-2026-10', { sensitivity: 'internal' });
  });

  it('links each new version to the one before it and moves the product head', async () => {
    const november = await publish('curve-2026-11', 'curve-2026-10');
    const december = await publish('curve-2026-12', 'curve-2026-11');
    expect(november.product).toEqual({ id: 'curve-2026-10', version: 2, previousAssetId: 'curve-2026-10' });
    expect(december.product).toEqual({ id: 'curve-2026-10', version: 3, previousAssetId: 'curve-2026-11' });
    expect(head('curve-2026-10')).toMatchObject({ docType: 'product', owner: { mspId: 'GridMSP', uid: 'alice' }, latestVersion: 3, latestAssetId: 'curve-2026-12' });
    // the earlier versions stay as they were: a version is an asset of its own
    expect(t.storedAsset('curve-2026-10')?.product).toEqual({ id: 'curve-2026-10', version: 1, previousAssetId: null });
    expect(t.storedAsset('curve-2026-10')).not.toHaveProperty('versionOf');
  });

  it('announces the version in AssetRegistered, so lineage and the read models see the link', async () => {
    const outcome = await t.world.invoke(t.assets, 'RegisterAsset', alice, json(assetInput('curve-2026-11', { sensitivity: 'internal', versionOf: 'curve-2026-10' })));
    const data = expectEvent(outcome, 'AssetRegistered', { assetId: 'curve-2026-11', uid: 'alice' }, alice);
    expect((data['asset'] as DataAsset).product).toEqual({ id: 'curve-2026-10', version: 2, previousAssetId: 'curve-2026-10' });
  });

  it('follows an asset registered before products existed as its version 1', async () => {
    const legacy = t.storedAsset('curve-2026-10') as DataAsset;
    const { product: _dropped, ...older } = legacy;
    t.world.seed(t.world.compositeKey(KEY.asset, 'curve-2026-10'), older);
    t.world.seed(t.world.compositeKey(KEY.product, 'curve-2026-10'), null);
    expect((await publish('curve-2026-11', 'curve-2026-10')).product).toEqual({ id: 'curve-2026-10', version: 2, previousAssetId: 'curve-2026-10' });
  });

  it("refuses a version of someone else's product", async () => {
    await expectRefusal(t.world, () => t.world.invoke(t.assets, 'RegisterAsset', oscar, json(assetInput('curve-2026-11', { sensitivity: 'internal', versionOf: 'curve-2026-10' }))), 'FORBIDDEN', /only the owner of asset curve-2026-10/);
  });

  it('refuses a version that does not follow the latest one', async () => {
    await publish('curve-2026-11', 'curve-2026-10');
    await expectRefusal(t.world, () => publish('curve-2026-12', 'curve-2026-10'), 'FAILED_PRECONDITION', /follows the latest, curve-2026-11 \(version 2\)/);
  });

  it('refuses a version of a frozen product, and of an asset that does not exist', async () => {
    await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'curve-2026-10', 'audit');
    await expectRefusal(t.world, () => publish('curve-2026-11', 'curve-2026-10'), 'FROZEN');
    await expectRefusal(t.world, () => publish('curve-2026-11', 'no-such-asset'), 'NOT_FOUND');
  });

  it('follows a retired version: retiring last month does not end the product', async () => {
    await t.world.invoke(t.assets, 'RetireAsset', alice, 'curve-2026-10', 'superseded');
    expect((await publish('curve-2026-11', 'curve-2026-10')).product?.version).toBe(2);
  });

  it('refuses a version whose sensitivity is below the previous one, which would skip the regulator', async () => {
    await expectRefusal(t.world, () => publish('curve-2026-11', 'curve-2026-10', { sensitivity: 'public' }), 'INVALID_ARGUMENT', /cannot be below the previous version's \(internal\)/);
    expect((await publish('curve-2026-11', 'curve-2026-10', { sensitivity: 'sensitive' })).sensitivity).toBe('sensitive');
  });

  it('refuses a malformed versionOf as INVALID_ARGUMENT', async () => {
    await expectRefusal(t.world, () => publish('curve-2026-11', '../curve'), 'INVALID_ARGUMENT');
  });
});

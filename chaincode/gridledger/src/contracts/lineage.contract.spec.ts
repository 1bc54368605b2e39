import { actors, assetInput, expectRefusal, json, requestInput, rotationInput, setup } from '../test-support/fixtures.ts';
import type { FakeIdentity, TxOutcome } from '../test-support/fabric-fake.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHAINCODE_EVENT_NAMES, type ChaincodeEventName, type DataAsset } from '@gridledger/domain';
import type { LineageEntry } from '../events.ts';
import { KEY } from '../keys.ts';

const { alice, oscar, bob, carol, rita, consumerAdmin, peer } = actors;
const signer = (who: FakeIdentity) => ({ mspId: who.getMSPID(), uid: who.getAttributeValue('gridledger.uid'), role: who.getAttributeValue('gridledger.role') });

describe('LineageContract.GetAssetLineage', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });
  // the owner's organisation sees the whole lineage
  const lineage = async (assetId: string, caller: FakeIdentity = alice) =>
    (await t.world.evaluate(t.lineage, 'GetAssetLineage', caller, assetId)) as unknown as { assetId: string; entries: LineageEntry[] };

  it('returns every step of a sharing story in order, with the action, the signer and the request', async () => {
    const steps: { outcome: TxOutcome<unknown>; action: ChaincodeEventName; by: FakeIdentity; requestId: string | null }[] = [];
    const others: TxOutcome<unknown>[] = [];
    const step = async (action: ChaincodeEventName, by: FakeIdentity, requestId: string | null, call: Promise<TxOutcome<unknown>>) => {
      steps.push({ outcome: await call, action, by, requestId });
    };
    const { world, assets, access, supervision, settlement, system } = t;

    others.push(await world.invoke(system, 'Ping', bob, 'anyone there?'));

    others.push(await world.invoke(settlement, 'Mint', consumerAdmin, 'bob', '1000', 'budget'));
    others.push(await world.invoke(settlement, 'Mint', consumerAdmin, 'carol', '1000', 'budget'));
    await step('AssetRegistered', alice, null, world.invoke(assets, 'RegisterAsset', alice, json(assetInput('s1', { sensitivity: 'sensitive', priceCredits: 10 }))));
    others.push(await world.invoke(assets, 'RegisterAsset', oscar, json(assetInput('other'))));
    await step('AssetMetadataUpdated', alice, null, world.invoke(assets, 'UpdateAssetMetadata', alice, 's1', json({ title: 'Substation 12 measurements' })));
    await step('AccessRequested', bob, 'r1', world.invoke(access, 'RequestAccess', bob, json(requestInput('r1', 's1'))));
    await step('RequestOwnerApproved', alice, 'r1', world.invoke(access, 'ApproveRequest', alice, 'r1', 'ok'));
    await expectRefusal(world, () => world.invoke(access, 'RegulatorApprove', bob, 'r1', 'self-approval'), 'FORBIDDEN');
    await step('AccessGranted', rita, 'r1', world.invoke(access, 'RegulatorApprove', rita, 'r1', 'lawful'));
    const asset = t.storedAsset('s1') as DataAsset;
    await step('KeyReleased', bob, 'r1', world.invoke(access, 'RecordKeyRelease', bob, 'r1', json({ recipientKeySha256: asset.plaintextSha256, keyVersion: 1 })));
    await step('DownloadRecorded', bob, 'r1', world.invoke(access, 'RecordDownload', bob, 'r1', json({ ciphertextSha256: asset.ciphertextSha256, keyVersion: 1 })));
    await step('RegulatorNoteAdded', rita, null, world.invoke(supervision, 'AddRegulatorNote', rita, 'n1', 'asset', 's1', 'Reviewed.'));
    await step('RegulatorNoteAdded', rita, 'r1', world.invoke(supervision, 'AddRegulatorNote', rita, 'n2', 'request', 'r1', 'On the request, so on its asset.'));
    others.push(await world.invoke(supervision, 'AddRegulatorNote', rita, 'n3', 'user', 'bob', 'Not on any asset.'));
    others.push(await world.invoke(supervision, 'FreezeUser', rita, 'carol', 'check'));
    others.push(await world.invoke(supervision, 'UnfreezeUser', rita, 'carol', 'ok'));
    await step('AssetFrozen', rita, null, world.invoke(supervision, 'FreezeAsset', rita, 's1', 'audit'));
    await step('AssetUnfrozen', rita, null, world.invoke(supervision, 'UnfreezeAsset', rita, 's1', 'audit passed'));
    await step('GrantRevoked', alice, 'r1', world.invoke(access, 'RevokeGrant', alice, 'r1', 'done'));
    await step('AccessRequested', carol, 'r2', world.invoke(access, 'RequestAccess', carol, json(requestInput('r2', 's1'))));
    await step('RequestRejected', rita, 'r2', world.invoke(access, 'RegulatorReject', rita, 'r2', 'too broad'));
    await step('AccessRequested', bob, 'r3', world.invoke(access, 'RequestAccess', bob, json(requestInput('r3', 's1'))));
    world.advance(7 * 86_400_000);
    await step('RequestExpired', bob, 'r3', world.invoke(access, 'ExpireRequest', bob, 'r3'));
    await step('AssetKeyRotated', alice, null, world.invoke(assets, 'RotateAssetKey', alice, 's1', json(rotationInput(t.storedAsset('s1') as DataAsset))));
    await step('AssetRetired', alice, null, world.invoke(assets, 'RetireAsset', alice, 's1', 'replaced'));

    const result = await lineage('s1');
    expect(result.assetId).toBe('s1');
    expect(result.entries.map((e) => [e.action, e.signer.uid, e.signer.mspId, e.signer.role, e.requestId])).toEqual(
      steps.map((s) => [s.action, signer(s.by).uid, signer(s.by).mspId, signer(s.by).role, s.requestId]),
    );
    result.entries.forEach((entry, i) => {
      const { outcome } = steps[i] as (typeof steps)[number];
      expect(entry).toEqual({
        docType: 'lineage', assetId: 's1', action: outcome.event?.name, txId: outcome.txId, timestamp: new Date(outcome.time).toISOString(),
        signer: outcome.event?.payload.signer, requestId: steps[i]?.requestId, data: outcome.event?.payload.data,
      });
    });
    const times = result.entries.map((e) => Date.parse(e.timestamp));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect((await lineage('other')).entries.map((e) => e.action)).toEqual(['AssetRegistered']);

    // every transaction of the story emitted exactly one event, and the story emitted every event name
    const all = [...steps.map((s) => s.outcome), ...others];
    for (const outcome of all) expect(outcome.events).toHaveLength(1);
    expect(new Set(all.map((o) => o.event?.name))).toEqual(new Set(CHAINCODE_EVENT_NAMES));
    // no event names a request without its asset, and exactly the events with an asset wrote lineage
    for (const outcome of all) if (outcome.event?.payload.subjects.requestId) expect(outcome.event.payload.subjects.assetId).toBeDefined();
    expect(all.filter((o) => o.event?.payload.subjects.assetId).length).toBe(t.world.values(KEY.lineage).length);
  });

  it('orders by transaction time, not by transaction id', async () => {
    t.world.setTime('2025-03-01T10:00:00Z');
    await t.register(alice, 'a1');
    t.world.setTime('2025-03-01T12:00:00Z');
    const later = await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ title: 'later' }));
    t.world.setTime('2025-03-01T11:00:00Z');
    const earlier = await t.world.invoke(t.assets, 'UpdateAssetMetadata', alice, 'a1', json({ title: 'earlier' }));
    expect(later.txId < earlier.txId).toBe(true);
    expect((await lineage('a1')).entries.map((e) => e.timestamp)).toEqual(['2025-03-01T10:00:00.000Z', '2025-03-01T11:00:00.000Z', '2025-03-01T12:00:00.000Z']);
  });

  it("shows the whole lineage to the owner's organisation and regulators, a requester their own requests, everyone else the catalog's steps", async () => {
    const { world, assets, access, supervision, settlement } = t;
    await world.invoke(settlement, 'Mint', consumerAdmin, 'bob', '1000', 'budget');
    await world.invoke(settlement, 'Mint', consumerAdmin, 'carol', '1000', 'budget');
    await world.invoke(assets, 'RegisterAsset', alice, json(assetInput('p1', { priceCredits: 10 })));
    await world.invoke(access, 'RequestAccess', bob, json(requestInput('rb', 'p1')));
    await world.invoke(access, 'ApproveRequest', alice, 'rb', 'ok');
    await world.invoke(access, 'RequestAccess', carol, json(requestInput('rc', 'p1')));
    await world.invoke(supervision, 'FreezeAsset', rita, 'p1', 'audit');
    const everything = ['AssetRegistered', 'AccessRequested', 'AccessGranted', 'AccessRequested', 'AssetFrozen'];
    const actions = async (caller: FakeIdentity) => (await lineage('p1', caller)).entries.map((e) => `${e.action}${e.requestId ? `:${e.requestId}` : ''}`);
    expect((await actions(alice)).map((a) => a.split(':')[0])).toEqual(everything);
    expect((await actions(oscar)).map((a) => a.split(':')[0])).toEqual(everything);
    expect((await actions(rita)).map((a) => a.split(':')[0])).toEqual(everything);
    // bob: the catalog entry and his own request, neither carol's request nor the regulator's freeze
    expect(await actions(bob)).toEqual(['AssetRegistered', 'AccessRequested:rb', 'AccessGranted:rb']);
    expect(await actions(carol)).toEqual(['AssetRegistered', 'AccessRequested:rc']);
    expect(await actions(consumerAdmin)).toEqual(['AssetRegistered']);
  });

  it('is readable by any platform user, and refuses node identities, unknown and malformed ids', async () => {
    await t.register(alice, 'a1');
    for (const caller of [alice, oscar, bob, rita]) expect((await lineage('a1', caller)).entries).toHaveLength(1);
    await expectRefusal(t.world, () => lineage('a1', peer), 'UNAUTHENTICATED');
    await expectRefusal(t.world, () => lineage('a9'), 'NOT_FOUND', /asset a9 does not exist/);
    await expectRefusal(t.world, () => lineage('a 1'), 'INVALID_ARGUMENT');
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, committed, eventually, expectRefusal, type Actor } from './chaincode-client.ts';

interface Decision {
  allowed: boolean;
  code: string | null;
  remainingDownloads: number;
}
interface Account {
  balance: number;
  escrowed: number;
  minted: number;
}
interface LineageEntry {
  action: string;
  signer: { mspId: string; uid: string; role: string };
  requestId: string | null;
}

/** TxValidationCode.ENDORSEMENT_POLICY_FAILURE in Fabric's protos */
const ENDORSEMENT_POLICY_FAILURE = 10;
const run = randomUUID().slice(0, 8);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
// a syntactically valid base32 CIDv1 per run, so reruns on the same ledger never collide
const cid = (seed: string) => `bafkrei${sha(seed).replace(/[^a-z2-7]/g, 'a').slice(0, 52)}`;

function assetInput(id: string, sensitivity: string, priceCredits: number, maxDownloads: number) {
  return JSON.stringify({
    id,
    title: `Feeder 12 load curve ${id}`,
    description: '15-minute active power, January',
    category: 'load-curve',
    sensitivity,
    cid: cid(id),
    ciphertextSha256: sha(`cipher ${id}`),
    plaintextSha256: sha(`plain ${id}`),
    sizeBytes: 1_048_576,
    encryptionScheme: 'AES-256-GCM-CHUNKED-v1',
    priceCredits,
    policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['research'], maxDurationSeconds: 3600, maxDownloads },
  });
}

const requestInput = (requestId: string, assetId: string, durationSeconds = 3600, purpose = 'research') =>
  JSON.stringify({ requestId, assetId, purpose, durationSeconds });

describe('sharing power data under supervision, on the real Fabric network', () => {
  let owner: Actor;
  let gridAdmin: Actor;
  let consumer: Actor;
  let consumerAdmin: Actor;
  let regulator: Actor;
  let foreignOwner: Actor;
  let gridRegulatorImpostor: Actor;
  const asset = { open: `asset-open-${run}`, sensitive: `asset-sensitive-${run}`, revocable: `asset-revocable-${run}`, freezable: `asset-freezable-${run}` };

  const check = (assetId: string, who: Actor = consumer) => who.evaluate<Decision>('access:CheckAccess', assetId, consumer.uid);
  const account = (who: Actor) => who.evaluate<Account>('settlement:GetAccount', who.uid);

  beforeAll(async () => {
    [owner, gridAdmin, consumer, consumerAdmin, regulator, foreignOwner, gridRegulatorImpostor] = await Promise.all([
      actor('GridMSP', 'owner'),
      actor('GridMSP', 'admin'),
      actor('ConsumerMSP', 'consumer'),
      actor('ConsumerMSP', 'admin'),
      actor('RegulatorMSP', 'regulator'),
      actor('ConsumerMSP', 'owner'),
      actor('GridMSP', 'regulator'),
    ]);
    await consumerAdmin.submit('settlement:Mint', consumer.uid, '1000', 'research budget');
    await gridAdmin.submit('settlement:Mint', owner.uid, '10', 'float for refunds');
    for (const [id, sensitivity, price, downloads] of [
      [asset.open, 'internal', 100, 2],
      [asset.sensitive, 'sensitive', 200, 3],
      [asset.revocable, 'public', 50, 5],
      [asset.freezable, 'public', 0, 5],
    ] as const) {
      await owner.submit('asset:RegisterAsset', assetInput(id, sensitivity, price, downloads));
    }
  });

  afterAll(() => {
    for (const a of [owner, gridAdmin, consumer, consumerAdmin, regulator, foreignOwner, gridRegulatorImpostor]) a?.connection.close();
    const rows = [...committed.entries()].sort(([a], [b]) => a.localeCompare(b));
    console.log(`Transactions committed on the real network by this story (${rows.reduce((n, [, c]) => n + c, 0)} in all):\n${rows.map(([fn, n]) => `  ${fn.padEnd(32)} ${n}`).join('\n')}`);
  });

  it('escrows the price on request, pays the owner on approval, and spends the download budget', async () => {
    const request = `req-open-${run}`;
    await consumer.submit('access:RequestAccess', requestInput(request, asset.open));
    await eventually(() => account(consumer), { balance: 900, escrowed: 100 });
    await eventually(() => check(asset.open), { allowed: false, code: 'PENDING' });

    await expectRefusal(consumer.submit('access:ApproveRequest', request, 'self-service'), 'FORBIDDEN');
    await expectRefusal(foreignOwner.submit('access:ApproveRequest', request, 'not mine'), 'FORBIDDEN');

    await owner.submit('access:ApproveRequest', request, 'research use is fine');
    await eventually(() => account(consumer), { balance: 900, escrowed: 0 });
    await eventually(() => account(owner), { balance: 110 });
    await eventually(() => check(asset.open), { allowed: true, remainingDownloads: 2 });

    await consumer.submit('access:RecordKeyRelease', request, JSON.stringify({ recipientKeySha256: sha(`x25519 ${consumer.uid}`), keyVersion: 1 }));
    await consumer.submit('access:RecordDownload', request, JSON.stringify({ ciphertextSha256: sha(`cipher ${asset.open}`), keyVersion: 1 }));
    await eventually(() => check(asset.open), { allowed: false, code: 'BUDGET_EXHAUSTED', remainingDownloads: 0 });
    await expectRefusal(consumer.submit('access:RecordDownload', request, JSON.stringify({ ciphertextSha256: sha(`cipher ${asset.open}`), keyVersion: 1 })), 'FORBIDDEN');
  });

  it('needs the regulator for sensitive data, and the grant expires by transaction time', async () => {
    const request = `req-sensitive-${run}`;
    await consumer.submit('access:RequestAccess', requestInput(request, asset.sensitive, 4));
    await owner.submit('access:ApproveRequest', request, 'ok from the owner');
    await eventually(() => check(asset.sensitive), { allowed: false, code: 'PENDING' });

    await expectRefusal(gridRegulatorImpostor.submit('access:RegulatorApprove', request, 'I say so'), 'FORBIDDEN');
    await expectRefusal(owner.submit('access:RegulatorApprove', request, 'I say so'), 'FORBIDDEN');

    // the request key carries a state-based endorsement policy: a grant endorsed without
    // RegulatorMSP's peer is invalidated at commit, even when the signer is the regulator
    const bypass = await regulator.connection
      .contract('access')
      .newProposal('RegulatorApprove', { arguments: [request, 'endorsed without the regulator peer'], endorsingOrganizations: ['GridMSP', 'ConsumerMSP'] })
      .endorse();
    const bypassStatus = await (await bypass.submit()).getStatus();
    expect(bypassStatus.successful).toBe(false);
    expect(bypassStatus.code).toBe(ENDORSEMENT_POLICY_FAILURE);
    await eventually(() => regulator.evaluate('access:GetRequest', request), { status: 'pending-regulator' });

    const granted = await regulator.submit<{ status: string }>('access:RegulatorApprove', request, 'de-identified research');
    expect(granted.status).toBe('granted');
    await eventually(() => check(asset.sensitive), { allowed: true });
    await eventually(() => account(owner), { balance: 310 });

    await sleep(5_000);
    await eventually(() => check(asset.sensitive), { allowed: false, code: 'EXPIRED' });
    const expired = await consumer.submit<{ status: string }>('access:ExpireRequest', request);
    expect(expired.status).toBe('expired');
  });

  it('refunds a grant revoked before use and refuses access after it', async () => {
    const request = `req-revocable-${run}`;
    await consumer.submit('access:RequestAccess', requestInput(request, asset.revocable));
    await owner.submit('access:ApproveRequest', request, 'fine');
    await eventually(() => check(asset.revocable), { allowed: true });
    const before = await eventually(() => account(consumer), {});

    await expectRefusal(foreignOwner.submit('access:RevokeGrant', request, 'not mine'), 'FORBIDDEN');
    await owner.submit('access:RevokeGrant', request, 'contract ended');
    await eventually(() => check(asset.revocable), { allowed: false, code: 'REVOKED' });
    await eventually(() => account(consumer), { balance: before.balance + 50 });
  });

  it('lets only the regulator freeze, and nothing flows while an asset or a user is frozen', async () => {
    const request = `req-freezable-${run}`;
    await consumer.submit('access:RequestAccess', requestInput(request, asset.freezable));
    await owner.submit('access:ApproveRequest', request, 'fine');
    await eventually(() => check(asset.freezable), { allowed: true });

    await expectRefusal(owner.submit('supervision:FreezeAsset', asset.freezable, 'hiding something'), 'FORBIDDEN');
    await expectRefusal(gridRegulatorImpostor.submit('supervision:FreezeAsset', asset.freezable, 'wrong org'), 'FORBIDDEN');
    await regulator.submit('supervision:FreezeAsset', asset.freezable, 'suspected tampering under investigation');
    await eventually(() => check(asset.freezable), { allowed: false, code: 'ASSET_FROZEN' });
    await expectRefusal(consumer.submit('access:RecordDownload', request, JSON.stringify({ ciphertextSha256: sha(`cipher ${asset.freezable}`), keyVersion: 1 })), 'FROZEN');
    await regulator.submit('supervision:UnfreezeAsset', asset.freezable, 'investigation closed');
    await eventually(() => check(asset.freezable), { allowed: true });

    await regulator.submit('supervision:FreezeUser', consumer.uid, 'credential misuse reported');
    await eventually(() => check(asset.freezable), { allowed: false, code: 'CONSUMER_FROZEN' });
    await regulator.submit('supervision:UnfreezeUser', consumer.uid, 'cleared');
    await eventually(() => check(asset.freezable), { allowed: true });
    await regulator.submit('supervision:AddRegulatorNote', `note-${run}`, 'asset', asset.freezable, 'Reviewed after a tampering report; hashes match.');
  });

  it('keeps owners to their own assets and refuses bad input with a code', async () => {
    await expectRefusal(foreignOwner.submit('asset:UpdateAssetMetadata', asset.open, JSON.stringify({ priceCredits: 1 })), 'FORBIDDEN');
    await expectRefusal(foreignOwner.submit('asset:RetireAsset', asset.open, 'mine now'), 'FORBIDDEN');
    await expectRefusal(consumer.submit('asset:RegisterAsset', assetInput(`asset-by-consumer-${run}`, 'public', 1, 1)), 'FORBIDDEN');
    await expectRefusal(owner.submit('asset:RegisterAsset', assetInput(asset.open, 'public', 1, 1)), 'ALREADY_EXISTS');
    await expectRefusal(owner.submit('asset:RegisterAsset', JSON.stringify({ ...JSON.parse(assetInput(`asset-bad-${run}`, 'public', 1, 1)), cid: 'not-a-cid' })), 'INVALID_ARGUMENT');
    await expectRefusal(consumer.submit('access:RequestAccess', requestInput(`req-bad-purpose-${run}`, asset.revocable, 60, 'marketing')), 'POLICY_DENIED');
    await expectRefusal(consumerAdmin.submit('settlement:Mint', owner.uid, '5', 'not my org'), 'FORBIDDEN');
    const unchanged = await owner.evaluate<{ priceCredits: number; status: string }>('asset:GetAsset', asset.open);
    expect(unchanged).toMatchObject({ priceCredits: 100, status: 'active' });
  });

  it('gives regulator rights only to RegulatorMSP regulators, and raising sensitivity reaches pending requests', async () => {
    await expectRefusal(gridRegulatorImpostor.evaluate('access:CheckAccess', asset.open, consumer.uid), 'FORBIDDEN');
    await expectRefusal(gridRegulatorImpostor.evaluate('access:GetRequest', `req-open-${run}`), 'FORBIDDEN');
    await expectRefusal(gridRegulatorImpostor.evaluate('settlement:GetAccount', consumer.uid), 'FORBIDDEN');
    await eventually(() => regulator.evaluate('access:GetRequest', `req-open-${run}`), { status: 'granted' });

    const escalating = `asset-escalating-${run}`;
    const request = `req-escalating-${run}`;
    await owner.submit('asset:RegisterAsset', assetInput(escalating, 'internal', 0, 1));
    await consumer.submit('access:RequestAccess', requestInput(request, escalating));
    await owner.submit('asset:UpdateAssetMetadata', escalating, JSON.stringify({ sensitivity: 'critical' }));
    const approved = await owner.submit<{ status: string; requiresRegulator: boolean }>('access:ApproveRequest', request, 'ok');
    expect(approved).toMatchObject({ status: 'pending-regulator', requiresRegulator: true });
    await eventually(() => check(escalating), { allowed: false, code: 'PENDING' });
  });

  it('conserves credits: balances plus escrow equal what was minted', async () => {
    const totals = async () => {
      const accounts = await Promise.all([account(consumer), account(owner)]);
      return { held: accounts.reduce((sum, a) => sum + a.balance + a.escrowed, 0), minted: accounts.reduce((sum, a) => sum + a.minted, 0) };
    };
    await eventually(totals, { held: 1010, minted: 1010 });
  });

  it('returns the lineage of an asset, in order, with who signed each step', async () => {
    const lineage = (who: Actor, assetId: string) => who.evaluate<{ entries: LineageEntry[] }>('lineage:GetAssetLineage', assetId);
    const actions = (who: Actor, assetId: string) => lineage(who, assetId).then((l) => ({ actions: l.entries.map((e) => e.action) }));
    await eventually(() => actions(regulator, asset.sensitive), { actions: ['AssetRegistered', 'AccessRequested', 'RequestOwnerApproved', 'AccessGranted', 'RequestExpired'] });
    const { entries } = await lineage(regulator, asset.sensitive);
    expect(entries.map((e) => [e.signer.mspId, e.signer.uid, e.signer.role])).toEqual([
      ['GridMSP', owner.uid, 'owner'],
      ['ConsumerMSP', consumer.uid, 'consumer'],
      ['GridMSP', owner.uid, 'owner'],
      ['RegulatorMSP', regulator.uid, 'regulator'],
      ['ConsumerMSP', consumer.uid, 'consumer'],
    ]);

    await eventually(() => actions(consumer, asset.open), { actions: ['AssetRegistered', 'AccessRequested', 'AccessGranted', 'KeyReleased', 'DownloadRecorded'] });
    await eventually(() => actions(regulator, asset.freezable), { actions: ['AssetRegistered', 'AccessRequested', 'AccessGranted', 'AssetFrozen', 'AssetUnfrozen', 'RegulatorNoteAdded'] });
  });
});

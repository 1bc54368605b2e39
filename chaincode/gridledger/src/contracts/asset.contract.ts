import { CommandContract } from './command-contract.ts';
import { ASSET_CATEGORIES, ASSET_STATUSES, SENSITIVITIES, type DataAsset } from '@gridledger/domain';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { loadAsset, requireActive, saveAsset, assetKey } from '../assets/asset-store.ts';
import { placeInProduct } from '../assets/product-store.ts';
import { deliverVersion } from '../access/subscriptions.ts';
import { parseKeyRotation, parseMetadataPatch, parseRegistration } from '../assets/asset-input.ts';
import { canonicalJson } from '../canonical-json.ts';
import { platformUser, requireRole, sameUser, type PlatformUser } from '../caller.ts';
import { txTime } from '../clock.ts';
import { ChaincodeError, forbidden, invalid } from '../errors.ts';
import { emit } from '../events.ts';
import { KEY } from '../keys.ts';
import { exists } from '../state.ts';
import { requireNotFrozen } from '../supervision/user-freeze.ts';
import { MSP_PATTERN, parseObject, rejectUnknownFields, requireEnum, requireId, requireInteger, requireString } from '../validation.ts';

function requireOwner(user: PlatformUser, asset: DataAsset): void {
  if (!sameUser(user, asset.owner)) throw forbidden(`only the owner of asset ${asset.id} may change it`);
}

/** Data assets: the on-chain anchor of an encrypted file in IPFS and the rules for sharing it. */
@Info({ title: 'DataAssetContract', description: 'Register, describe, rotate and retire data assets' })
export class DataAssetContract extends CommandContract {
  constructor() {
    super('asset');
  }

  /**
   * Anchors an encrypted, pinned file: its CID and hashes, its metadata and its sharing policy.
   * With `versionOf`, the asset is published as the next version of that asset's data product.
   */
  @Transaction()
  @Returns('string')
  public async RegisterAsset(ctx: Context, assetJson: string): Promise<string> {
    const user = requireRole(ctx, 'owner');
    const input = parseRegistration(parseObject('asset', assetJson));
    await requireNotFrozen(ctx, user.uid, 'owner');
    if (await exists(ctx, assetKey(ctx, input.id))) throw new ChaincodeError('ALREADY_EXISTS', `asset ${input.id} already exists`);
    const { versionOf, ...registration } = input;
    const product = await placeInProduct(ctx, user, registration, versionOf);
    const now = txTime(ctx);
    const asset: DataAsset = {
      docType: 'asset',
      ...registration,
      owner: { mspId: user.mspId, uid: user.uid },
      keyVersion: 1,
      status: 'active',
      product,
      createdAt: now,
      updatedAt: now,
    };
    await saveAsset(ctx, asset);
    // a new version reaches the product's subscribers in the transaction that publishes it
    const delivered = versionOf === undefined ? undefined : await deliverVersion(ctx, asset);
    const fanOut = delivered && (delivered.deliveries.length > 0 || delivered.withheld.length > 0) ? delivered : {};
    await emit(ctx, 'AssetRegistered', { assetId: asset.id, uid: user.uid }, { asset, ...fanOut });
    return canonicalJson(asset);
  }

  /** Changes title, description, category, price or policy; sensitivity may only go up. */
  @Transaction()
  @Returns('string')
  public async UpdateAssetMetadata(ctx: Context, assetId: string, patchJson: string): Promise<string> {
    const user = requireRole(ctx, 'owner');
    const asset = await loadAsset(ctx, requireId('assetId', assetId));
    requireOwner(user, asset);
    requireActive(asset);
    await requireNotFrozen(ctx, user.uid, 'owner');
    const patch = parseMetadataPatch(parseObject('patch', patchJson));
    if (patch.sensitivity && SENSITIVITIES.indexOf(patch.sensitivity) < SENSITIVITIES.indexOf(asset.sensitivity)) {
      // lowering it would let data skip the regulator's approval
      throw invalid(`sensitivity can only be raised; ${asset.id} is ${asset.sensitivity}`);
    }
    const updated: DataAsset = { ...asset, ...patch, updatedAt: txTime(ctx) };
    await saveAsset(ctx, updated, asset);
    await emit(ctx, 'AssetMetadataUpdated', { assetId: asset.id, uid: user.uid }, { changes: patch });
    return canonicalJson(updated);
  }

  @Transaction()
  @Returns('string')
  public async RetireAsset(ctx: Context, assetId: string, reason: string): Promise<string> {
    const user = requireRole(ctx, 'owner');
    const asset = await loadAsset(ctx, requireId('assetId', assetId));
    requireOwner(user, asset);
    if (asset.status === 'retired') throw new ChaincodeError('FAILED_PRECONDITION', `asset ${asset.id} is already retired`);
    if (asset.status === 'frozen') throw new ChaincodeError('FROZEN', `asset ${asset.id} is frozen; the regulator must unfreeze it first`);
    const why = requireString('reason', reason, { max: 500 });
    const updated: DataAsset = { ...asset, status: 'retired', updatedAt: txTime(ctx) };
    await saveAsset(ctx, updated, asset);
    await emit(ctx, 'AssetRetired', { assetId: asset.id, uid: user.uid }, { reason: why });
    return canonicalJson(updated);
  }

  /**
   * Records a re-encryption under a new data key: new CID, ciphertext hash and key version.
   * The plaintext hash must not change: a rotation that changes the data is not a rotation.
   */
  @Transaction()
  @Returns('string')
  public async RotateAssetKey(ctx: Context, assetId: string, rotationJson: string): Promise<string> {
    const user = requireRole(ctx, 'owner');
    const asset = await loadAsset(ctx, requireId('assetId', assetId));
    requireOwner(user, asset);
    requireActive(asset);
    await requireNotFrozen(ctx, user.uid, 'owner');
    const rotation = parseKeyRotation(parseObject('rotation', rotationJson));
    if (rotation.keyVersion !== asset.keyVersion + 1) {
      throw new ChaincodeError('FAILED_PRECONDITION', `keyVersion must be ${asset.keyVersion + 1}, the next after ${asset.keyVersion}`);
    }
    if (rotation.plaintextSha256 !== asset.plaintextSha256) throw invalid('plaintextSha256 differs from the asset: a key rotation re-encrypts the same data');
    if (rotation.cid === asset.cid) throw invalid('cid is unchanged: a re-encrypted file has a new CID');
    const updated: DataAsset = { ...asset, ...rotation, updatedAt: txTime(ctx) };
    await saveAsset(ctx, updated, asset);
    await emit(ctx, 'AssetKeyRotated', { assetId: asset.id, uid: user.uid }, {
      previous: { cid: asset.cid, ciphertextSha256: asset.ciphertextSha256, keyVersion: asset.keyVersion, sizeBytes: asset.sizeBytes, encryptionScheme: asset.encryptionScheme },
      current: { cid: updated.cid, ciphertextSha256: updated.ciphertextSha256, keyVersion: updated.keyVersion, sizeBytes: updated.sizeBytes, encryptionScheme: updated.encryptionScheme },
    });
    return canonicalJson(updated);
  }

  @Transaction(false)
  @Returns('string')
  public async GetAsset(ctx: Context, assetId: string): Promise<string> {
    platformUser(ctx);
    return canonicalJson(await loadAsset(ctx, requireId('assetId', assetId)));
  }

  /**
   * The catalog: filter by ownerUid, mspId, category, sensitivity and status, a page at a time.
   * The most selective filter picks the index; the others are applied to what it yields, so a
   * page may hold fewer than pageSize assets while a bookmark is still returned.
   */
  @Transaction(false)
  @Returns('string')
  public async QueryAssets(ctx: Context, filterJson: string, pageSize: string, bookmark: string): Promise<string> {
    platformUser(ctx);
    const filter = parseObject('filter', filterJson || '{}');
    rejectUnknownFields('filter', filter, ['ownerUid', 'mspId', 'category', 'sensitivity', 'status']);
    const wanted = {
      ownerUid: filter['ownerUid'] === undefined ? undefined : requireId('filter.ownerUid', filter['ownerUid']),
      mspId: filter['mspId'] === undefined ? undefined : requireString('filter.mspId', filter['mspId'], { max: 64, pattern: MSP_PATTERN }),
      category: filter['category'] === undefined ? undefined : requireEnum('filter.category', filter['category'], ASSET_CATEGORIES),
      sensitivity: filter['sensitivity'] === undefined ? undefined : requireEnum('filter.sensitivity', filter['sensitivity'], SENSITIVITIES),
      status: filter['status'] === undefined ? undefined : requireEnum('filter.status', filter['status'], ASSET_STATUSES),
    };
    const size = requireInteger('pageSize', pageSize, 1, 200);
    const [index, attributes]: [string, string[]] = wanted.ownerUid
      ? [KEY.assetByOwner, [wanted.ownerUid]]
      : wanted.mspId
        ? [KEY.assetByOrg, [wanted.mspId]]
        : wanted.category
          ? [KEY.assetByCategory, [wanted.category]]
          : wanted.sensitivity
            ? [KEY.assetBySensitivity, [wanted.sensitivity]]
            : wanted.status
              ? [KEY.assetByStatus, [wanted.status]]
              : [KEY.asset, []];
    // a bookmark is a key of this very index that an earlier page returned; anything else is refused
    // here, where the peer would otherwise fail the whole query with an error that says nothing
    if (bookmark && !bookmark.startsWith(ctx.stub.createCompositeKey(index, attributes))) {
      throw invalid('bookmark is not one this query returned: pass back the bookmark of the previous page, or none for the first');
    }
    const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(index, attributes, size, bookmark ?? '');
    const ids: string[] = [];
    try {
      for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
        const parts = ctx.stub.splitCompositeKey(result.value.key).attributes;
        const id = parts[parts.length - 1];
        if (id) ids.push(id);
      }
    } finally {
      await iterator.close();
    }
    const assets: DataAsset[] = [];
    for (const id of ids) {
      const asset = await loadAsset(ctx, id);
      if (wanted.ownerUid && asset.owner.uid !== wanted.ownerUid) continue;
      if (wanted.mspId && asset.owner.mspId !== wanted.mspId) continue;
      if (wanted.category && asset.category !== wanted.category) continue;
      if (wanted.sensitivity && asset.sensitivity !== wanted.sensitivity) continue;
      if (wanted.status && asset.status !== wanted.status) continue;
      assets.push(asset);
    }
    // fabric-shim leaves metadata out when the peer's is all defaults: an empty page, no bookmark
    return canonicalJson({ assets, bookmark: metadata?.bookmark ?? '', fetched: metadata?.fetchedRecordsCount ?? 0 });
  }

  /** Every version of the asset record from Fabric's history database, newest first. */
  @Transaction(false)
  @Returns('string')
  public async GetAssetHistory(ctx: Context, assetId: string): Promise<string> {
    platformUser(ctx);
    const id = requireId('assetId', assetId);
    const iterator = await ctx.stub.getHistoryForKey(assetKey(ctx, id));
    const versions: { txId: string; timestamp: string; isDelete: boolean; asset: DataAsset | null }[] = [];
    try {
      for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
        const { txId, timestamp, isDelete, value } = result.value;
        const millis = Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000);
        versions.push({ txId, timestamp: new Date(millis).toISOString(), isDelete, asset: value.length > 0 ? (JSON.parse(Buffer.from(value).toString('utf8')) as DataAsset) : null });
      }
    } finally {
      await iterator.close();
    }
    if (versions.length === 0) throw new ChaincodeError('NOT_FOUND', `asset ${id} has no history`);
    return canonicalJson(versions);
  }
}

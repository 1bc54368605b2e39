import { SENSITIVITIES, type AssetRegistration, type DataAsset, type DataProduct, type ProductVersion } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { sameUser, type PlatformUser } from '../caller.ts';
import { txTime } from '../clock.ts';
import { ChaincodeError, forbidden, invalid, precondition } from '../errors.ts';
import { KEY, key } from '../keys.ts';
import { readJson, writeJson } from '../state.ts';
import { loadAsset } from './asset-store.ts';

const productKey = (ctx: Context, id: string): string => key(ctx, KEY.product, id);

/** An asset registered before products existed is version 1 of a product of its own. */
export const productOf = (asset: DataAsset): ProductVersion => asset.product ?? { id: asset.id, version: 1, previousAssetId: null };

/**
 * Places a new registration in its data product and moves the product's head to it. Without
 * `versionOf` the asset starts a product; with it, it must follow the product's latest version,
 * so two owners' tools publishing at once cannot both become "version 3" (the head is one key,
 * and MVCC lets one of them through).
 */
export async function placeInProduct(ctx: Context, user: PlatformUser, input: Omit<AssetRegistration, 'versionOf'>, versionOf: string | undefined): Promise<ProductVersion> {
  if (versionOf === undefined) {
    await saveHead(ctx, { id: input.id, owner: user, version: 1, assetId: input.id });
    return { id: input.id, version: 1, previousAssetId: null };
  }
  const previous = await loadAsset(ctx, versionOf);
  if (!sameUser(user, previous.owner)) throw forbidden(`only the owner of asset ${previous.id} may publish a new version of its product`);
  if (previous.status === 'frozen') throw new ChaincodeError('FROZEN', `asset ${previous.id} is frozen by the regulator; its product takes no new version`);
  const place = productOf(previous);
  const head = await readJson<DataProduct>(ctx, productKey(ctx, place.id));
  const latestAssetId = head?.latestAssetId ?? previous.id;
  const latestVersion = head?.latestVersion ?? place.version;
  if (latestAssetId !== previous.id) {
    throw precondition(`asset ${previous.id} is version ${place.version} of product ${place.id}; a new version follows the latest, ${latestAssetId} (version ${latestVersion})`);
  }
  if (SENSITIVITIES.indexOf(input.sensitivity) < SENSITIVITIES.indexOf(previous.sensitivity)) {
    // a later version with a lower class would let the same data skip the regulator's approval
    throw invalid(`sensitivity of a new version cannot be below the previous version's (${previous.sensitivity})`);
  }
  const version = latestVersion + 1;
  await saveHead(ctx, { id: place.id, owner: user, version, assetId: input.id });
  return { id: place.id, version, previousAssetId: previous.id };
}

async function saveHead(ctx: Context, head: { id: string; owner: PlatformUser; version: number; assetId: string }): Promise<void> {
  const product: DataProduct = {
    docType: 'product',
    id: head.id,
    owner: { mspId: head.owner.mspId, uid: head.owner.uid },
    latestVersion: head.version,
    latestAssetId: head.assetId,
    updatedAt: txTime(ctx),
  };
  await writeJson(ctx, productKey(ctx, head.id), product);
}

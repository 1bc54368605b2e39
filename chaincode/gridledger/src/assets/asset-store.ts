import type { DataAsset } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors.ts';
import { KEY, key } from '../keys.ts';
import { INDEX_VALUE, mustRead, writeJson } from '../state.ts';

export const assetKey = (ctx: Context, id: string): string => key(ctx, KEY.asset, id);

export const loadAsset = (ctx: Context, id: string): Promise<DataAsset> => mustRead<DataAsset>(ctx, assetKey(ctx, id), `asset ${id}`);

/** The index entries an asset should have; one per queryable attribute. */
function indexKeys(ctx: Context, asset: DataAsset): string[] {
  return [
    key(ctx, KEY.assetByOwner, asset.owner.uid, asset.id),
    key(ctx, KEY.assetByOrg, asset.owner.mspId, asset.id),
    key(ctx, KEY.assetByCategory, asset.category, asset.id),
    key(ctx, KEY.assetBySensitivity, asset.sensitivity, asset.id),
    key(ctx, KEY.assetByStatus, asset.status, asset.id),
  ];
}

/** Writes the asset and moves its index entries from the previous version's values. */
export async function saveAsset(ctx: Context, asset: DataAsset, previous?: DataAsset): Promise<void> {
  const next = indexKeys(ctx, asset);
  if (previous) {
    for (const stale of indexKeys(ctx, previous)) if (!next.includes(stale)) await ctx.stub.deleteState(stale);
  }
  for (const entry of next) await ctx.stub.putState(entry, INDEX_VALUE);
  await writeJson(ctx, assetKey(ctx, asset.id), asset);
}

/** Assets that are frozen or retired can be read, but nothing flows. */
export function requireActive(asset: DataAsset): void {
  if (asset.status === 'frozen') throw new ChaincodeError('FROZEN', `asset ${asset.id} is frozen by the regulator`);
  if (asset.status === 'retired') throw new ChaincodeError('FAILED_PRECONDITION', `asset ${asset.id} is retired`);
}

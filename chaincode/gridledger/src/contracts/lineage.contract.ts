import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { loadAsset } from '../assets/asset-store.ts';
import { canonicalJson } from '../canonical-json.ts';
import { platformUser } from '../caller.ts';
import type { LineageEntry } from '../events.ts';
import { KEY } from '../keys.ts';
import { listValues } from '../state.ts';
import { requireId } from '../validation.ts';

/** Lineage: everything that happened to an asset, in transaction-time order, with who signed it. */
@Info({ title: 'LineageContract', description: 'The full, ordered history of a data asset' })
export class LineageContract extends Contract {
  constructor() {
    super('lineage');
  }

  @Transaction(false)
  @Returns('string')
  public async GetAssetLineage(ctx: Context, assetId: string): Promise<string> {
    platformUser(ctx);
    const asset = await loadAsset(ctx, requireId('assetId', assetId));
    const entries = await listValues<LineageEntry>(ctx, KEY.lineage, [asset.id]);
    return canonicalJson({ assetId: asset.id, entries });
  }
}

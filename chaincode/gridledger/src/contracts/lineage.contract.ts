import { CommandContract } from './command-contract.ts';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { loadAsset } from '../assets/asset-store.ts';
import { canonicalJson } from '../canonical-json.ts';
import { isRegulatorUser, platformUser, sameUser } from '../caller.ts';
import { loadRequest } from '../access/request-store.ts';
import type { LineageEntry } from '../events.ts';
import { KEY } from '../keys.ts';
import { listValues } from '../state.ts';
import { requireId } from '../validation.ts';

/** The steps that only describe the catalog entry: what anyone browsing the catalog may see. */
const CATALOG_ACTIONS: ReadonlySet<string> = new Set(['AssetRegistered', 'AssetMetadataUpdated', 'AssetRetired']);

/** Lineage: everything that happened to an asset, in transaction-time order, with who signed it. */
@Info({ title: 'LineageContract', description: 'The full, ordered history of a data asset' })
export class LineageContract extends CommandContract {
  constructor() {
    super('lineage');
  }

  /**
   * Who asked for which data, for what purpose, and who approved is not everyone's business: the
   * asset owner's organisation and regulators see the whole lineage; a requester sees the steps
   * of their own requests; everyone sees the catalog's own steps (registered, described, retired).
   */
  @Transaction(false)
  @Returns('string')
  public async GetAssetLineage(ctx: Context, assetId: string): Promise<string> {
    const user = platformUser(ctx);
    const asset = await loadAsset(ctx, requireId('assetId', assetId));
    const entries = await listValues<LineageEntry>(ctx, KEY.lineage, [asset.id]);
    if (isRegulatorUser(user) || user.mspId === asset.owner.mspId) return canonicalJson({ assetId: asset.id, entries });
    const own = new Map<string, boolean>();
    const visible: LineageEntry[] = [];
    for (const entry of entries) {
      if (entry.requestId === null) {
        if (CATALOG_ACTIONS.has(entry.action)) visible.push(entry);
        continue;
      }
      if (!own.has(entry.requestId)) own.set(entry.requestId, sameUser(user, (await loadRequest(ctx, entry.requestId)).consumer));
      if (own.get(entry.requestId)) visible.push(entry);
    }
    return canonicalJson({ assetId: asset.id, entries: visible });
  }
}

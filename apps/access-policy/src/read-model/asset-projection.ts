import type { TypedChainEvent } from '@gridledger/contracts';
import type pg from 'pg';

/** The chain events that change what this service knows of an asset. */
export const ASSET_EVENTS = ['AssetRegistered', 'AssetMetadataUpdated', 'AssetRetired', 'AssetKeyRotated', 'AssetFrozen', 'AssetUnfrozen'] as const;

const STATUS_AFTER: Partial<Record<TypedChainEvent['event'], string>> = { AssetRetired: 'retired', AssetFrozen: 'frozen', AssetUnfrozen: 'active' };

/** Applies an asset event to the `assets` table; later events never go back (updated_at is the chain's time). */
export async function applyAssetEvent(db: pg.ClientBase, event: TypedChainEvent): Promise<void> {
  const assetId = event.subjects.assetId;
  if (!assetId) return;
  if (event.event === 'AssetRegistered') {
    const { asset } = event.data;
    const product = asset.product ?? { id: assetId, version: 1, previousAssetId: null };
    await db.query(
      `insert into assets (asset_id, owner_msp, owner_uid, title, description, category, sensitivity, price_credits, size_bytes, status, policy, key_version, created_at, updated_at,
         product_id, product_version, previous_asset_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15, $16) on conflict (asset_id) do nothing`,
      [assetId, asset.owner.mspId, asset.owner.uid, asset.title, asset.description, asset.category, asset.sensitivity, asset.priceCredits, asset.sizeBytes, asset.status, JSON.stringify(asset.policy), asset.keyVersion, event.timestamp,
        product.id, product.version, product.previousAssetId],
    );
    return;
  }
  const status = STATUS_AFTER[event.event];
  if (status) {
    await db.query('update assets set status = $2, updated_at = $3 where asset_id = $1', [assetId, status, event.timestamp]);
    return;
  }
  if (event.event === 'AssetKeyRotated') {
    const { current } = event.data;
    await db.query('update assets set key_version = $2, size_bytes = $4, updated_at = $3 where asset_id = $1', [assetId, current.keyVersion, event.timestamp, current.sizeBytes]);
    return;
  }
  if (event.event === 'AssetMetadataUpdated') {
    const { changes } = event.data;
    await db.query(
      `update assets set title = coalesce($2, title), category = coalesce($3, category), sensitivity = coalesce($4, sensitivity),
         price_credits = coalesce($5, price_credits), policy = coalesce($6, policy), description = coalesce($8, description), updated_at = $7 where asset_id = $1`,
      [assetId, changes.title ?? null, changes.category ?? null, changes.sensitivity ?? null, changes.priceCredits ?? null, changes.policy ? JSON.stringify(changes.policy) : null, event.timestamp, changes.description ?? null],
    );
  }
}

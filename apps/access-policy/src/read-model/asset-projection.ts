import type { ChainEvent } from '@gridledger/contracts';
import type pg from 'pg';

/** The chain events that change what this service knows of an asset. */
export const ASSET_EVENTS = ['AssetRegistered', 'AssetMetadataUpdated', 'AssetRetired', 'AssetKeyRotated', 'AssetFrozen', 'AssetUnfrozen'] as const;

const STATUS_AFTER: Partial<Record<ChainEvent['event'], string>> = { AssetRetired: 'retired', AssetFrozen: 'frozen', AssetUnfrozen: 'active' };

/** Applies an asset event to the `assets` table; later events never go back (updated_at is the chain's time). */
export async function applyAssetEvent(db: pg.ClientBase, event: ChainEvent): Promise<void> {
  const assetId = event.subjects.assetId;
  if (!assetId) return;
  if (event.event === 'AssetRegistered') {
    const asset = event.data['asset'] as Record<string, unknown> & { owner: { mspId: string; uid: string } };
    await db.query(
      `insert into assets (asset_id, owner_msp, owner_uid, title, description, category, sensitivity, price_credits, size_bytes, status, policy, key_version, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) on conflict (asset_id) do nothing`,
      [assetId, asset.owner.mspId, asset.owner.uid, asset['title'], asset['description'] ?? '', asset['category'], asset['sensitivity'], asset['priceCredits'], asset['sizeBytes'] ?? 0, asset['status'], JSON.stringify(asset['policy']), asset['keyVersion'], event.timestamp],
    );
    return;
  }
  const status = STATUS_AFTER[event.event];
  if (status) {
    await db.query('update assets set status = $2, updated_at = $3 where asset_id = $1', [assetId, status, event.timestamp]);
    return;
  }
  if (event.event === 'AssetKeyRotated') {
    const current = event.data['current'] as { keyVersion?: number; sizeBytes?: number } | undefined;
    if (current?.keyVersion) await db.query('update assets set key_version = $2, size_bytes = coalesce($4, size_bytes), updated_at = $3 where asset_id = $1', [assetId, current.keyVersion, event.timestamp, current.sizeBytes ?? null]);
    return;
  }
  if (event.event === 'AssetMetadataUpdated') {
    const changes = (event.data['changes'] ?? {}) as Record<string, unknown>;
    await db.query(
      `update assets set title = coalesce($2, title), category = coalesce($3, category), sensitivity = coalesce($4, sensitivity),
         price_credits = coalesce($5, price_credits), policy = coalesce($6, policy), description = coalesce($8, description), updated_at = $7 where asset_id = $1`,
      [assetId, changes['title'] ?? null, changes['category'] ?? null, changes['sensitivity'] ?? null, changes['priceCredits'] ?? null, changes['policy'] ? JSON.stringify(changes['policy']) : null, event.timestamp, changes['description'] ?? null],
    );
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { ACCESS_TOPICS, STORAGE_TOPICS, typedChainEvent, type ChainEvent, type ChainEventOf, type CloudEvent, type TopicPayloads } from '@gridledger/contracts';
import { writeOutboxEvent } from '@gridledger/messaging';
import type pg from 'pg';
import { EVENT_SOURCE } from '../ledger/ledger-gateway.ts';
import { applyAssetEvent, ASSET_EVENTS } from './asset-projection.ts';
import { loadRequest, saveRequest } from './read-model-store.ts';
import { applyRequestEvent, type RequestState } from './request-projection.ts';
import { afterDelivery, deliveredRequest } from './subscription-deliveries.ts';

/** What the read model is built from: a chain event, or the storage service's answer to a key release. */
export type ReadModelPayload = ChainEvent | TopicPayloads[typeof STORAGE_TOPICS.keyReleased | typeof STORAGE_TOPICS.keyReleaseFailed];

/**
 * Builds the read model (assets and requests) from the chain's events, in commit order per asset,
 * and acts on the two moments that need the platform: a grant that became final (the file key is
 * released to the key the consumer named) and the storage service's answer to that release.
 */
@Injectable()
export class ReadModelProjector {
  private readonly logger = new Logger('ReadModel');

  async apply(tx: pg.PoolClient, event: CloudEvent<ReadModelPayload>, topic: string): Promise<void> {
    if (topic === STORAGE_TOPICS.keyReleased) {
      const { requestId } = event.data as TopicPayloads[typeof STORAGE_TOPICS.keyReleased];
      await tx.query("update key_release_wishes set status = 'released', message = null where request_id = $1", [requestId]);
      return;
    }
    if (topic === STORAGE_TOPICS.keyReleaseFailed) {
      const { requestId, code, message } = event.data as TopicPayloads[typeof STORAGE_TOPICS.keyReleaseFailed];
      await tx.query("update key_release_wishes set status = 'failed', message = $2 where request_id = $1 and status <> 'released'", [requestId, `${code}: ${message}`]);
      return;
    }
    await this.applyChainEvent(tx, event.data as ChainEvent, { replay: false });
  }

  /**
   * One chain event into the read model. A replay (rebuild) only rebuilds rows: what the platform
   * did about the event (notifications, key releases) happened when it was live.
   */
  async applyChainEvent(tx: pg.PoolClient, relayed: ChainEvent, { replay }: { replay: boolean }): Promise<void> {
    const chainEvent = typedChainEvent(relayed);
    if ((ASSET_EVENTS as readonly string[]).includes(chainEvent.event)) {
      await applyAssetEvent(tx, chainEvent);
      if (chainEvent.event === 'AssetRegistered') await this.applyDeliveries(tx, chainEvent, { replay });
      return;
    }
    const requestId = chainEvent.subjects.requestId;
    if (!requestId) return;
    const current = await loadRequest(tx, requestId, true);
    const next = applyRequestEvent(current, chainEvent);
    if (!next) {
      if (!current) this.logger.warn(`${chainEvent.event} for request ${requestId}, whose creation this read model never saw: rebuild it from the chain (POST /operator/read-model/rebuild)`);
      return;
    }
    if (next === current) return;
    await saveRequest(tx, next);
    if (replay) return;
    await this.announce(tx, next, chainEvent.event, chainEvent.txId);
    if (chainEvent.event === 'AccessGranted') await this.releaseKeyIfWished(tx, next.assetId, requestId, next.consumer, chainEvent.txId);
  }

  /**
   * A new version reached its product's subscribers: each delivery is a granted request, and the
   * key the subscriber named when subscribing is sealed for it too, as for any grant.
   */
  private async applyDeliveries(tx: pg.PoolClient, event: ChainEventOf<'AssetRegistered'>, { replay }: { replay: boolean }): Promise<void> {
    for (const delivery of event.data.deliveries ?? []) {
      const subscription = await loadRequest(tx, delivery.subscriptionId, true);
      if (!subscription) {
        this.logger.warn(`version ${event.data.asset.id} was delivered to subscription ${delivery.subscriptionId}, which this read model never saw: rebuild it from the chain (POST /operator/read-model/rebuild)`);
        continue;
      }
      if (await loadRequest(tx, delivery.requestId)) continue;
      const delivered = deliveredRequest(subscription, delivery, event);
      await saveRequest(tx, delivered);
      await saveRequest(tx, afterDelivery(subscription, event));
      if (replay) continue;
      await this.announce(tx, delivered, event.event, event.txId);
      await tx.query(
        `insert into key_release_wishes (request_id, consumer_uid, recipient_public_key)
           select $1, consumer_uid, recipient_public_key from key_release_wishes where request_id = $2 on conflict (request_id) do nothing`,
        [delivery.requestId, delivery.subscriptionId],
      );
      await this.releaseKeyIfWished(tx, delivered.assetId, delivered.requestId, delivered.consumer, event.txId);
    }
  }

  private async announce(tx: pg.PoolClient, request: RequestState, chainEvent: string, txId: string): Promise<void> {
    await writeOutboxEvent(tx, EVENT_SOURCE, ACCESS_TOPICS.requestUpdated, request.assetId, {
      requestId: request.requestId, assetId: request.assetId, status: request.status, owner: request.owner, consumer: request.consumer, requiresRegulator: request.requiresRegulator, chainEvent, txId,
    });
  }

  /** The grant is final: if the consumer named a key when asking, the storage service seals the file key for it. */
  private async releaseKeyIfWished(tx: pg.PoolClient, assetId: string, requestId: string, consumer: { mspId: string; uid: string }, grantTxId: string): Promise<void> {
    const { rows } = await tx.query<{ recipient_public_key: string }>('select recipient_public_key from key_release_wishes where request_id = $1', [requestId]);
    const wish = rows[0];
    if (!wish) return;
    await tx.query("update key_release_wishes set status = 'requested' where request_id = $1 and status = 'waiting'", [requestId]);
    await writeOutboxEvent(tx, EVENT_SOURCE, ACCESS_TOPICS.keyReleaseRequested, assetId, { requestId, assetId, consumer, recipientPublicKey: wish.recipient_public_key, grantTxId });
  }
}

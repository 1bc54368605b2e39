import { createKafka } from '@gridledger/kafka-client';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ACCESS_TOPICS, CHAIN_TOPICS, STORAGE_TOPICS, TOPIC_SCHEMAS, typedChainEvent, type ChainEvent, type CloudEvent, type Topic, type TopicPayloads } from '@gridledger/contracts';
import { ServiceMetrics } from '@gridledger/nest-service';
import { IdempotentConsumer, writeOutboxEvent } from '@gridledger/messaging';
import type pg from 'pg';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { EVENT_SOURCE } from '../ledger/ledger-gateway.ts';
import { applyAssetEvent, ASSET_EVENTS } from './asset-projection.ts';
import { loadRequest, saveRequest } from './read-model-store.ts';
import { applyRequestEvent, REQUEST_EVENTS } from './request-projection.ts';

const CHAIN_EVENT_TOPICS = [...ASSET_EVENTS, ...REQUEST_EVENTS].map((name) => CHAIN_TOPICS[name]);
const STORAGE_RESULT_TOPICS = [STORAGE_TOPICS.keyReleased, STORAGE_TOPICS.keyReleaseFailed] as const;
export const READ_MODEL_TOPICS: Topic[] = [...CHAIN_EVENT_TOPICS, ...STORAGE_RESULT_TOPICS];
export const READ_MODEL_GROUP = 'gridledger-access-policy-read-model';

type Payload = ChainEvent | TopicPayloads[(typeof STORAGE_RESULT_TOPICS)[number]];

/**
 * Builds the read model (assets and requests) from the chain's events, in commit order per asset,
 * and acts on the two moments that need the platform: a grant that became final (the file key is
 * released to the key the consumer named) and the storage service's answer to that release.
 */
@Injectable()
export class ReadModelConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReadModel');
  private readonly consumer: IdempotentConsumer<Payload>;

  constructor(@Inject(ACCESS_POLICY_CONFIG) config: AccessPolicyConfig, database: AccessPolicyDatabase, metrics: ServiceMetrics) {
    this.consumer = new IdempotentConsumer<Payload>({
      kafka: createKafka('gridledger-access-policy-read-model', config.kafka),
      pool: database.pool,
      groupId: READ_MODEL_GROUP,
      topics: READ_MODEL_TOPICS,
      schemas: (topic) => (READ_MODEL_TOPICS as string[]).includes(topic) ? (TOPIC_SCHEMAS[topic as Topic] as never) : undefined,
      handler: (tx, event, meta) => this.apply(tx, event, meta.topic),
      concurrency: 4,
      logger: this.logger,
    });
    metrics.observeConsumer(this.consumer);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer.stop();
  }

  /** Stops applying live events (a rebuild runs); the group's offsets stay where they are. */
  pause(): Promise<void> {
    return this.consumer.stop();
  }

  resume(): Promise<void> {
    return this.consumer.start();
  }

  metrics() {
    return this.consumer.metrics.snapshot();
  }

  private async apply(tx: pg.PoolClient, event: CloudEvent<Payload>, topic: string): Promise<void> {
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
    await writeOutboxEvent(tx, EVENT_SOURCE, ACCESS_TOPICS.requestUpdated, next.assetId, {
      requestId, assetId: next.assetId, status: next.status, owner: next.owner, consumer: next.consumer, requiresRegulator: next.requiresRegulator, chainEvent: chainEvent.event, txId: chainEvent.txId,
    });
    if (chainEvent.event === 'AccessGranted') await this.releaseKeyIfWished(tx, next.assetId, requestId, next.consumer, chainEvent.txId);
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

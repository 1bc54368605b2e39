import { createKafka } from '@gridledger/kafka-client';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ACCESS_TOPICS, STORAGE_TOPICS, TOPIC_SCHEMAS, type CloudEvent, type TopicPayloads } from '@gridledger/contracts';
import { LedgerRefusalError } from '@gridledger/ledger-client';
import { ServiceMetrics } from '@gridledger/nest-service';
import { IdempotentConsumer, writeOutboxEvent } from '@gridledger/messaging';
import type pg from 'pg';
import { StorageError } from '../common/storage-error.ts';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { StorageDatabase } from '../database/storage-database.ts';
import { EVENT_SOURCE } from '../ledger/ledger-commands.ts';
import { KeyReleaseService } from './key-release.service.ts';

type Requested = TopicPayloads[typeof ACCESS_TOPICS.keyReleaseRequested];
const TOPIC = ACCESS_TOPICS.keyReleaseRequested;

/**
 * Key releases the access-policy service asks for when a grant becomes final: the same release a
 * consumer can ask for over HTTP (CheckAccess as the consumer, RecordKeyRelease signed for them,
 * HPKE envelope), made for the key they named. A refusal is answered with key-release-failed; an
 * unreachable ledger is retried.
 */
@Injectable()
export class KeyReleaseRequestsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('KeyReleaseRequests');
  private readonly consumer: IdempotentConsumer<Requested>;

  constructor(
    @Inject(STORAGE_CONFIG) config: StorageConfig,
    database: StorageDatabase,
    private readonly releases: KeyReleaseService,
    metrics: ServiceMetrics,
  ) {
    this.consumer = new IdempotentConsumer<Requested>({
      kafka: createKafka('gridledger-storage-key-releases', config.kafka),
      pool: database.pool,
      groupId: 'gridledger-storage-key-release-requests',
      topics: [TOPIC],
      schemas: (topic) => (topic === TOPIC ? TOPIC_SCHEMAS[TOPIC] : undefined),
      handler: (tx, event, meta) => this.apply(tx, event, meta.lastAttempt),
      concurrency: 2,
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

  private async apply(tx: pg.PoolClient, event: CloudEvent<Requested>, lastAttempt: boolean): Promise<void> {
    const { requestId, assetId, consumer, recipientPublicKey } = event.data;
    const consumerUser = { id: consumer.uid, mspId: consumer.mspId, role: 'consumer' as const };
    try {
      if (await this.releases.alreadyReleased(assetId, consumer.uid, requestId, recipientPublicKey)) return;
      await this.releases.release(consumerUser, assetId, recipientPublicKey);
      this.logger.log(`key of asset ${assetId} released to ${consumer.uid} for request ${requestId}`);
    } catch (error) {
      const refusal = error instanceof StorageError || error instanceof LedgerRefusalError;
      // transient trouble is retried by the consumer; on the last attempt, or for a refusal, the requester hears why
      if (!refusal && !lastAttempt) throw error;
      const code = refusal ? error.code : 'UNAVAILABLE';
      const message = (error as Error).message;
      this.logger.warn(`key release for request ${requestId} failed: ${code}: ${message}`);
      await writeOutboxEvent(tx, EVENT_SOURCE, STORAGE_TOPICS.keyReleaseFailed, assetId, { assetId, requestId, consumerId: consumer.uid, code, message });
    }
  }
}

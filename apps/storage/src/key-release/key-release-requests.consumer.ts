import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ACCESS_TOPICS, STORAGE_TOPICS, TOPIC_SCHEMAS, type CloudEvent, type TopicPayloads } from '@gridledger/contracts';
import { LedgerRefusalError } from '@gridledger/ledger-client';
import { InboxEvents, type InboxContext } from '@gridledger/nest-service';
import { writeOutboxEvent } from '@gridledger/messaging';
import type pg from 'pg';
import { StorageError } from '../common/storage-error.ts';
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
@Controller()
export class KeyReleaseRequestsConsumer {
  private readonly logger = new Logger('KeyReleaseRequests');

  constructor(private readonly releases: KeyReleaseService) {}

  @InboxEvents<Requested>({
    groupId: 'gridledger-storage-key-release-requests',
    clientId: 'gridledger-storage-key-releases',
    logContext: 'KeyReleaseRequests',
    topics: [TOPIC],
    schemas: (topic) => (topic === TOPIC ? TOPIC_SCHEMAS[TOPIC] : undefined),
    concurrency: 2,
  })
  release(@Payload() event: CloudEvent<Requested>, @Ctx() { tx, meta }: InboxContext): Promise<void> {
    return this.apply(tx, event, meta.lastAttempt);
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

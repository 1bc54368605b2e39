import type { IdempotentConsumerOptions } from '@gridledger/messaging';
import { applyDecorators, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { InboxErrorsAsThrown } from './inbox-errors.filter.ts';

/** Under this key of a handler's pattern extras, the transport finds its consumer group's settings. */
export const INBOX_GROUP = 'gridledgerInbox';

/**
 * One consumer group of a service's inbox: its topics, and how the idempotent consumer behind it
 * reads them. The transport supplies the Kafka connection, the database pool and the metrics.
 */
export interface InboxGroup<T = unknown> extends Pick<
  IdempotentConsumerOptions<T>,
  'groupId' | 'topics' | 'schemas' | 'relevant' | 'maxAttempts' | 'backoff' | 'fromBeginning' | 'concurrency' | 'createTopicsWithPartitions' | 'sessionTimeoutMs'
> {
  /** the Kafka client id this group connects as */
  clientId: string;
  /** the context its log lines carry */
  logContext: string;
  /**
   * Hand the handler a fetched batch in one transaction (an array of deliveries, with an
   * `InboxBatchContext`) instead of one event at a time. A batch that keeps failing is handed
   * over again one delivery at a time, so a poison event is dead-lettered alone.
   */
  batch?: boolean;
}

/**
 * Declares the method that applies a consumer group's events, through the inbox transport:
 * each event applied once, in the transaction that records its id, retried with backoff and
 * dead-lettered after `maxAttempts`. The handler takes `@Payload()` (the CloudEvent, or the
 * deliveries of a batch) and `@Ctx()` (`InboxContext` or `InboxBatchContext`, with the transaction).
 */
export function InboxEvents<T>(group: InboxGroup<T>): MethodDecorator {
  return applyDecorators(EventPattern([...group.topics], { [INBOX_GROUP]: group }), UseFilters(new InboxErrorsAsThrown()));
}

import { createKafka, type KafkaConnection } from '@gridledger/kafka-client';
import { IdempotentConsumer, MessagingMetrics, type BatchEventHandler, type ConsumerLag, type EventHandler } from '@gridledger/messaging';
import { Logger } from '@nestjs/common';
import type pg from 'pg';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import type { InboxGroup } from './inbox-events.decorator.ts';

/** Where a service's inbox reads from and records into. */
export interface InboxConnection {
  kafka: KafkaConnection;
  pool: pg.Pool;
}

/** A group with the handlers the transport made of its decorated method. */
export interface OpenedGroup {
  group: InboxGroup;
  handler: EventHandler<unknown>;
  batchHandler?: BatchEventHandler<unknown>;
}

/**
 * The idempotent consumers behind a service's inbox transport, one per consumer group, created
 * when the transport listens. Providers reach a group here by its id: for its figures (health,
 * metrics), its lag, or to pause it (the read model's rebuild).
 */
export class InboxConsumers {
  private readonly consumers = new Map<string, IdempotentConsumer<unknown>>();
  private readonly figures = new Map<string, MessagingMetrics>();

  constructor(
    private readonly connection: InboxConnection,
    private readonly serviceMetrics: ServiceMetrics,
  ) {}

  async open(groups: readonly OpenedGroup[]): Promise<void> {
    for (const { group, handler, batchHandler } of groups) {
      if (this.consumers.has(group.groupId)) throw new Error(`the consumer group ${group.groupId} is declared twice`);
      const { clientId, logContext, batch: _batch, ...reading } = group;
      this.consumers.set(
        group.groupId,
        new IdempotentConsumer<unknown>({
          ...reading,
          kafka: createKafka(clientId, this.connection.kafka),
          pool: this.connection.pool,
          handler,
          ...(batchHandler ? { batchHandler } : {}),
          metrics: this.metricsOf(group.groupId),
          logger: new Logger(logContext),
        }),
      );
    }
    await Promise.all(
      groups.map(async ({ group }) => {
        await this.consumer(group.groupId).start();
        new Logger(group.logContext).log(`consuming ${group.topics.length} topic(s) as ${group.groupId}`);
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.stop()));
  }

  /** The group's counters (zero until it consumes), for health figures. */
  metrics(groupId: string) {
    return this.metricsOf(groupId).snapshot();
  }

  async lag(groupId: string): Promise<ConsumerLag> {
    return this.consumer(groupId).lag();
  }

  /** Stops applying the group's events; its offsets stay where they are. */
  async pause(groupId: string): Promise<void> {
    await this.consumer(groupId).stop();
  }

  async resume(groupId: string): Promise<void> {
    await this.consumer(groupId).start();
  }

  private consumer(groupId: string): IdempotentConsumer<unknown> {
    const consumer = this.consumers.get(groupId);
    if (!consumer) throw new Error(`the consumer group ${groupId} is not consuming (yet)`);
    return consumer;
  }

  private metricsOf(groupId: string): MessagingMetrics {
    let figures = this.figures.get(groupId);
    if (!figures) {
      figures = new MessagingMetrics();
      this.figures.set(groupId, figures);
      this.serviceMetrics.observeConsumer({ groupId, metrics: figures, lag: () => this.lag(groupId) });
    }
    return figures;
  }
}

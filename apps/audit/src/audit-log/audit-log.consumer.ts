import { createKafka } from '@gridledger/kafka-client';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ALL_TOPICS, TOPIC_SCHEMAS, type Topic } from '@gridledger/contracts';
import { ServiceMetrics } from '@gridledger/nest-service';
import { IdempotentConsumer } from '@gridledger/messaging';
import type pg from 'pg';
import type { z } from 'zod';
import { AUDIT_CONFIG, type AuditConfig } from '../config/audit-config.ts';
import { AuditDatabase } from '../database/audit-database.ts';
import { ViolationsRepository } from '../violations/violations.repository.ts';
import { sightingOf } from '../violations/violation-state.ts';
import { auditEntryOf, type AuditEntry } from './audit-entry.ts';
import { AuditLogRepository } from './audit-log.repository.ts';

/** Every topic of the platform, into the audit log (and integrity violations into their list): each event once, whatever the redeliveries. */
@Injectable()
export class AuditLogConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditLog');
  private readonly consumer: IdempotentConsumer<unknown>;

  constructor(@Inject(AUDIT_CONFIG) config: AuditConfig, database: AuditDatabase, repository: AuditLogRepository, violations: ViolationsRepository, metrics: ServiceMetrics) {
    const record = async (tx: pg.PoolClient, entries: AuditEntry[]) => {
      await repository.append(tx, entries);
      // storage's and reconciliation's integrity violations also go into the one list, in the same transaction, in order
      for (const sighting of entries.map(sightingOf)) if (sighting) await violations.record(tx, sighting);
    };
    this.consumer = new IdempotentConsumer<unknown>({
      kafka: createKafka('gridledger-audit', config.kafka),
      pool: database.pool,
      groupId: 'gridledger-audit',
      topics: ALL_TOPICS,
      // every payload is validated against its own topic's schema before it is recorded
      schemas: (topic) => TOPIC_SCHEMAS[topic as Topic] as z.ZodType<unknown> | undefined,
      handler: (tx, event, meta) => record(tx, [auditEntryOf(meta.topic, event)]),
      // a fetched batch in one transaction: at chain speed, one commit per event would cost the audit database more than the events are worth
      batchHandler: (tx, deliveries) => record(tx, deliveries.map(({ event, meta }) => auditEntryOf(meta.topic, event))),
      logger: this.logger,
    });
    metrics.observeConsumer(this.consumer);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.logger.log(`recording ${ALL_TOPICS.length} topics`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer.stop();
  }

  metrics() {
    return this.consumer.metrics.snapshot();
  }

  lag() {
    return this.consumer.lag();
  }
}

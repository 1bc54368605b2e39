import { ALL_TOPICS, TOPIC_SCHEMAS, type Topic } from '@gridledger/contracts';
import { InboxBatchContext, InboxEvents, type InboxDeliveries } from '@gridledger/nest-service';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { z } from 'zod';
import { ViolationsRepository } from '../violations/violations.repository.ts';
import { sightingOf } from '../violations/violation-state.ts';
import { auditEntryOf } from './audit-entry.ts';
import { AuditLogRepository } from './audit-log.repository.ts';

export const AUDIT_LOG_GROUP = 'gridledger-audit';

/** Every topic of the platform, into the audit log (and integrity violations into their list): each event once, whatever the redeliveries. */
@Controller()
export class AuditLogConsumer {
  constructor(
    private readonly repository: AuditLogRepository,
    private readonly violations: ViolationsRepository,
  ) {}

  @InboxEvents({
    groupId: AUDIT_LOG_GROUP,
    clientId: 'gridledger-audit',
    logContext: 'AuditLog',
    topics: ALL_TOPICS,
    // every payload is validated against its own topic's schema before it is recorded
    schemas: (topic) => TOPIC_SCHEMAS[topic as Topic] as z.ZodType<unknown> | undefined,
    // a fetched batch in one transaction: at chain speed, one commit per event would cost the audit database more than the events are worth
    batch: true,
  })
  async record(@Payload() deliveries: InboxDeliveries<unknown>, @Ctx() { tx }: InboxBatchContext): Promise<void> {
    const entries = deliveries.map(({ event, meta }) => auditEntryOf(meta.topic, event));
    await this.repository.append(tx, entries);
    // storage's and reconciliation's integrity violations also go into the one list, in the same transaction, in order
    for (const sighting of entries.map(sightingOf)) if (sighting) await this.violations.record(tx, sighting);
  }
}

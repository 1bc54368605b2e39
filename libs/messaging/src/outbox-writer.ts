import { randomUUID } from 'node:crypto';
import { cloudEvent, type Topic, type TopicPayloads } from '@gridledger/contracts';
import { traceCarrier, type TraceCarrier } from '@gridledger/tracing';
import type pg from 'pg';

/**
 * Writes an event into the outbox inside the caller's transaction, so a change and its event are
 * stored together or not at all. The typed topic map makes a payload that does not fit its topic
 * a compile error. The event carries the current trace context (or `trace`, for a write made
 * on behalf of work traced elsewhere), so its consumers' spans join the trace that made it.
 * Returns the event id.
 */
export async function writeOutboxEvent<T extends Topic>(db: pg.ClientBase, source: string, topic: T, key: string, data: TopicPayloads[T], id: string = randomUUID(), trace: TraceCarrier = traceCarrier()): Promise<string> {
  const envelope = cloudEvent({ id, source, type: topic, subject: key, time: new Date(), data, trace });
  await db.query('insert into outbox (id, topic, message_key, envelope) values ($1, $2, $3, $4)', [id, topic, key, JSON.stringify(envelope)]);
  return id;
}

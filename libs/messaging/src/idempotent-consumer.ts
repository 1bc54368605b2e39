import type { CloudEvent } from '@gridledger/contracts';
import { Partitioners, type Admin, type Consumer, type EachBatchPayload, type EachMessagePayload, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { consumerFailover } from '@gridledger/kafka-client';
import type pg from 'pg';
import { inSpan, SpanKind, startSpan, failSpan, contextFromCarrier } from '@gridledger/tracing';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.ts';
import { inTransaction } from './transaction.ts';
import { consumerGroupLag, type ConsumerLag } from './consumer-lag.ts';
import { deadLetterMessage, deadLetterTopic } from './dead-letter.ts';
import { decodeEvent, type SchemaSource } from './decode-event.ts';
import { consoleLogger, type MessagingLogger } from './logger.ts';
import { MessagingMetrics } from './metrics.ts';

/** Where a delivery came from, for handlers that log or branch on it. */
export interface DeliveryMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: IHeaders;
  /** 1 on the first try, then 2, 3 … up to `maxAttempts` */
  attempt: number;
  /** if this attempt throws, the event is dead-lettered: a handler may prefer to answer with a failure */
  lastAttempt: boolean;
}

/** Applies one event using `tx`, the transaction that also records the event id. */
export type EventHandler<T> = (tx: pg.PoolClient, event: CloudEvent<T>, meta: DeliveryMeta) => Promise<void>;

/** Applies the new events of one fetched batch (in offset order) using `tx`, which also records their ids. */
export type BatchEventHandler<T> = (tx: pg.PoolClient, deliveries: { event: CloudEvent<T>; meta: DeliveryMeta }[]) => Promise<void>;

export interface IdempotentConsumerOptions<T> {
  kafka: Kafka;
  pool: pg.Pool;
  groupId: string;
  topics: readonly string[];
  /** the payload schema per topic (e.g. `TOPIC_SCHEMAS`), or a function that finds it */
  schemas: SchemaSource<T>;
  handler: EventHandler<T>;
  /**
   * When given, each batch Kafka hands over is applied in one transaction (one commit for
   * hundreds of events, for a consumer that only records what arrives). A batch that keeps
   * failing is taken apart and its events applied one by one through `handler`, so one poison
   * event is dead-lettered alone.
   */
  batchHandler?: BatchEventHandler<T>;
  /**
   * Whether an event is this consumer's business, judged from the event alone. An event judged
   * not is counted as skipped and its offset committed with no database work: a consumer of a
   * shared topic then pays a transaction only for its own events. Default: every event is.
   */
  relevant?: (event: CloudEvent<T>, topic: string) => boolean;
  /** handler attempts before the event is dead-lettered; default 5 */
  maxAttempts?: number;
  /** waits between handler attempts */
  backoff?: BackoffOptions;
  /** read the topics from their start when the group has no committed offset; default true */
  fromBeginning?: boolean;
  /** partitions handled at once (one message at a time within each, so per-key order holds); default 1 */
  concurrency?: number;
  /** partitions of the consumed topics when this consumer creates them (they are created if missing) */
  createTopicsWithPartitions?: number;
  /**
   * How long the group waits for a member's heartbeat before handing its partitions to the others;
   * by default `consumerSessionTimeoutMs()` (6 s, or GRIDLEDGER_KAFKA_SESSION_TIMEOUT_MS). Handlers
   * heartbeat between their retries, so a slow event does not cost the member its partitions.
   */
  sessionTimeoutMs?: number;
  metrics?: MessagingMetrics;
  logger?: MessagingLogger;
}

/** Kafka refusals that no amount of waiting changes: the credentials or the ACLs are wrong. */
export function refusedForGood(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    const { name, type } = e as Error & { type?: unknown };
    if (name === 'KafkaJSSASLAuthenticationError' || (typeof type === 'string' && /AUTHORIZATION_FAILED|SASL_AUTHENTICATION_FAILED/.test(type))) return true;
    e = e.cause;
  }
  return false;
}

/** Short waits: retries happen inside one delivery and must stay well under the session timeout. */
const DEFAULT_HANDLER_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 2_000, factor: 2 };

type Outcome = 'applied' | 'duplicate';

/**
 * Consumes CloudEvents and applies each event id once per consumer group.
 *
 * - A record that can never be applied (not JSON, not a CloudEvent, payload fails its schema) goes
 *   to `<topic>.dlq` at once, and the consumer moves on.
 * - Otherwise one PostgreSQL transaction records the event id in `processed_events` and runs the
 *   handler; if the id was already there the handler is skipped (a duplicate).
 * - A failing handler is retried with backoff, each attempt in a fresh transaction; after
 *   `maxAttempts` the record is dead-lettered with the error message.
 *
 * Offsets: kafkajs (autoCommit) only commits an offset once `eachMessage` has resolved, which is
 * after the database commit or the dead-letter send. A crash in between means a redelivery, which
 * the event-id row turns into a no-op.
 */
export class IdempotentConsumer<T = unknown> {
  readonly metrics: MessagingMetrics;
  readonly groupId: string;
  readonly topics: readonly string[];
  private readonly kafka: Kafka;
  private readonly pool: pg.Pool;
  private readonly schemas: SchemaSource<T>;
  private readonly handler: EventHandler<T>;
  private readonly batchHandler: BatchEventHandler<T> | undefined;
  private readonly relevant: (event: CloudEvent<T>, topic: string) => boolean;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly fromBeginning: boolean;
  private readonly concurrency: number;
  /** unset: consumerFailover's default */
  private readonly sessionTimeoutMs: number | undefined;
  private readonly createTopicsWithPartitions: number | undefined;
  private readonly logger: MessagingLogger;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private stopping = new AbortController();
  private adminClient: Promise<Admin> | undefined;

  constructor(options: IdempotentConsumerOptions<T>) {
    this.kafka = options.kafka;
    this.pool = options.pool;
    this.groupId = options.groupId;
    this.topics = options.topics;
    this.schemas = options.schemas;
    this.handler = options.handler;
    this.batchHandler = options.batchHandler;
    this.relevant = options.relevant ?? (() => true);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoff = options.backoff ?? DEFAULT_HANDLER_BACKOFF;
    this.fromBeginning = options.fromBeginning ?? true;
    this.concurrency = options.concurrency ?? 1;
    this.sessionTimeoutMs = options.sessionTimeoutMs;
    this.createTopicsWithPartitions = options.createTopicsWithPartitions;
    this.metrics = options.metrics ?? new MessagingMetrics();
    this.logger = options.logger ?? consoleLogger;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${this.maxAttempts}`);
  }

  /**
   * Connects, makes sure the topics and their dead-letter topics exist, and starts consuming in
   * the background. A cluster that is not reachable or not ready yet (a broker still loading its
   * log, a quorum still electing) is waited for, with backoff, for as long as it takes: a service
   * started beside a recovering Kafka comes up with it instead of exiting. A refusal that waiting
   * cannot cure (wrong credentials, an ACL that forbids the topic or group) fails the start at once.
   */
  async start(): Promise<void> {
    if (this.consumer) return;
    this.stopping = new AbortController();
    const { signal } = this.stopping;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.connect();
        return;
      } catch (error) {
        if (signal.aborted || refusedForGood(error)) throw error;
        this.logger.warn(`consumer ${this.groupId}: Kafka is not ready (${(error as Error).message}); trying again`);
        await sleep(backoffDelay(attempt, { initialMs: 500, maxMs: 10_000, factor: 2 }), signal);
      }
    }
  }

  private async connect(): Promise<void> {
    await this.ensureTopics();
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = this.kafka.consumer({ groupId: this.groupId, ...consumerFailover(this.sessionTimeoutMs) });
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.topics], fromBeginning: this.fromBeginning });
      if (this.batchHandler) await consumer.run({ autoCommit: true, partitionsConsumedConcurrently: this.concurrency, eachBatch: (payload) => this.onBatch(payload) });
      else await consumer.run({ autoCommit: true, partitionsConsumedConcurrently: this.concurrency, eachMessage: (payload) => this.onMessage(payload) });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    this.consumer = consumer;
  }

  /**
   * Creates the topics and their dead-letter topics if missing, and waits for their leaders. A
   * broker that has just (re)started answers some of these requests with UNKNOWN_TOPIC_OR_PARTITION
   * for a while, so failures are retried for up to a minute before the start gives up.
   */
  private async ensureTopics(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (let attempt = 1; ; attempt += 1) {
      const admin = this.kafka.admin();
      try {
        await admin.connect();
        // created up front so the first poison message does not wait on topic auto-creation
        await admin.createTopics({ topics: this.topics.map((topic) => ({ topic: deadLetterTopic(topic) })), waitForLeaders: true });
        const partitions = this.createTopicsWithPartitions;
        // on a fresh cluster nothing may have been published yet, and subscribing to a missing topic
        // fails; a topic auto-created by its first producer would also get the broker's default
        // partition count, which caps how many messages this consumer can work on at once
        await admin.createTopics({ topics: this.topics.map((topic) => ({ topic, ...(partitions ? { numPartitions: partitions } : {}) })), waitForLeaders: true });
        // when some of the topics existed already, kafkajs returns without waiting for the new ones' leaders
        await waitForTopicMetadata(admin, [...this.topics]);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        this.logger.warn(`consumer ${this.groupId}: topics not ready (${(error as Error).message}); trying again`);
        await sleep(backoffDelay(attempt, { initialMs: 250, maxMs: 5_000, factor: 2 }));
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
  }

  /** Cuts a retry backoff short, lets the current message finish, commits its offset and disconnects. */
  async stop(): Promise<void> {
    this.stopping.abort();
    const admin = this.adminClient;
    this.adminClient = undefined;
    await admin?.then((client) => client.disconnect()).catch(() => undefined);
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    this.consumer = undefined;
    this.producer = undefined;
  }

  /**
   * This group's lag on its topics (see `consumerGroupLag`), through one admin client kept for
   * it: /metrics asks every few seconds, and a fresh connection each time would cost a TLS and
   * SCRAM handshake each. A failure drops the client (a broker may have gone); the next call
   * connects again.
   */
  async lag(): Promise<ConsumerLag> {
    this.adminClient ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    const pending = this.adminClient;
    try {
      return await consumerGroupLag(await pending, this.groupId, this.topics);
    } catch (error) {
      if (this.adminClient === pending) this.adminClient = undefined;
      await pending.then((admin) => admin.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    this.metrics.consumed += 1;
    const decoded = decodeEvent(topic, message.value, this.schemas);
    if (!decoded.ok) return this.deadLetter({ topic, partition, message }, decoded.reason);
    if (!this.relevant(decoded.event, topic)) {
      this.metrics.skipped += 1;
      return;
    }

    for (let attempt = 1; ; attempt += 1) {
      const meta: DeliveryMeta = { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, headers: message.headers ?? {}, attempt, lastAttempt: attempt >= this.maxAttempts };
      try {
        const outcome = await this.applyOnce(decoded.event, meta);
        if (outcome === 'duplicate') this.metrics.duplicates += 1;
        else this.metrics.applied += 1;
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // while stopping, give up on this delivery without dead-lettering: the offset stays
        // uncommitted, so the next consumer of the partition gets the event again
        if (this.stopping.signal.aborted) throw error;
        if (attempt >= this.maxAttempts) {
          this.logger.warn(`consumer ${this.groupId}: event ${decoded.event.id} on ${topic} failed ${attempt} times, dead-lettering: ${reason}`);
          return this.deadLetter({ topic, partition, message }, `handler failed after ${attempt} attempts: ${reason}`);
        }
        this.metrics.retried += 1;
        await sleep(backoffDelay(attempt, this.backoff), this.stopping.signal);
        // the group coordinator must not take the partition away while we wait
        await heartbeat();
      }
    }
  }

  /**
   * Offsets: kafkajs resolves the batch's offsets and commits them only after this resolves, that
   * is after the transaction that recorded every event of it (or after the one-by-one fallback).
   */
  private async onBatch({ batch, heartbeat }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const deliveries: { event: CloudEvent<T>; meta: DeliveryMeta }[] = [];
    for (const message of batch.messages) {
      this.metrics.consumed += 1;
      const decoded = decodeEvent(topic, message.value, this.schemas);
      if (!decoded.ok) await this.deadLetter({ topic, partition, message }, decoded.reason);
      else if (!this.relevant(decoded.event, topic)) this.metrics.skipped += 1;
      else deliveries.push({ event: decoded.event, meta: { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, headers: message.headers ?? {}, attempt: 1, lastAttempt: false } });
    }
    if (deliveries.length === 0) return;
    for (let attempt = 1; attempt < this.maxAttempts; attempt += 1) {
      try {
        const applied = await this.applyBatch(deliveries);
        this.metrics.applied += applied;
        this.metrics.duplicates += deliveries.length - applied;
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) throw error;
        this.metrics.retried += 1;
        this.logger.warn(`consumer ${this.groupId}: a batch of ${deliveries.length} events on ${topic} failed (${(error as Error).message}); trying again`);
        await sleep(backoffDelay(attempt, this.backoff), this.stopping.signal);
        await heartbeat();
      }
    }
    // counted again, one by one
    this.metrics.consumed -= deliveries.length;
    for (const message of batch.messages) {
      if (deliveries.some((d) => d.meta.offset === message.offset)) await this.onMessage({ topic, partition, message, heartbeat, pause: () => () => undefined });
    }
  }

  /** What a consumer span says of a delivery: the messaging attributes of OpenTelemetry's conventions. */
  private spanAttributes(event: CloudEvent<T>, meta: DeliveryMeta) {
    return { 'messaging.system': 'kafka', 'messaging.operation.type': 'process', 'messaging.destination.name': meta.topic, 'messaging.consumer.group.name': this.groupId, 'messaging.message.id': event.id, 'messaging.destination.partition.id': String(meta.partition), 'messaging.kafka.offset': Number(meta.offset) };
  }

  /**
   * One span per delivery, each in the trace its event carries, open for as long as the batch it
   * was applied in: a batch mixes many traces, and each should show the step its event took.
   */
  private async applyBatch(deliveries: { event: CloudEvent<T>; meta: DeliveryMeta }[]): Promise<number> {
    const spans = deliveries.map(({ event, meta }) => startSpan(`process ${meta.topic}`, { kind: SpanKind.CONSUMER, parent: contextFromCarrier(event), attributes: { ...this.spanAttributes(event, meta), 'messaging.batch.message_count': deliveries.length } }).span);
    try {
      return await this.applyBatchOnce(deliveries);
    } catch (error) {
      for (const span of spans) failSpan(span, error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  private async applyBatchOnce(deliveries: { event: CloudEvent<T>; meta: DeliveryMeta }[]): Promise<number> {
    const batchHandler = this.batchHandler;
    if (!batchHandler) throw new Error('no batch handler');
    return inTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ event_id: string }>(
        `insert into processed_events (consumer_group, event_id, topic, processed_at)
         select $1, id, $2, now() from unnest($3::text[]) as id
         on conflict (consumer_group, event_id) do nothing returning event_id`,
        [this.groupId, deliveries[0]?.meta.topic, deliveries.map((d) => d.event.id)],
      );
      const fresh = new Set(rows.map((row) => row.event_id));
      // the same event id twice in one batch: applied once
      const seen = new Set<string>();
      const toApply = deliveries.filter((d) => fresh.has(d.event.id) && !seen.has(d.event.id) && seen.add(d.event.id));
      if (toApply.length > 0) await batchHandler(tx, toApply);
      return toApply.length;
    });
  }

  /** The event applied in a CONSUMER span under the trace its envelope carries: what it does, the handler's queries and the events it writes, join that trace. */
  private applyOnce(event: CloudEvent<T>, meta: DeliveryMeta): Promise<Outcome> {
    return inSpan(`process ${meta.topic}`, { kind: SpanKind.CONSUMER, parent: contextFromCarrier(event), attributes: this.spanAttributes(event, meta) }, async (span) => {
      const outcome = await this.applyInTransaction(event, meta);
      span.setAttribute('gridledger.inbox.outcome', outcome);
      return outcome;
    });
  }

  private async applyInTransaction(event: CloudEvent<T>, meta: DeliveryMeta): Promise<Outcome> {
    const tx = await this.pool.connect();
    try {
      await tx.query('begin');
      const inserted = await tx.query(
        `insert into processed_events (consumer_group, event_id, topic, processed_at) values ($1, $2, $3, now())
         on conflict (consumer_group, event_id) do nothing`,
        [this.groupId, event.id, meta.topic],
      );
      if (inserted.rowCount === 0) {
        await tx.query('rollback');
        return 'duplicate';
      }
      await this.handler(tx, event, meta);
      await tx.query('commit');
      return 'applied';
    } catch (error) {
      await tx.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
  }

  private async deadLetter(source: Parameters<typeof deadLetterMessage>[0], reason: string): Promise<void> {
    if (!this.producer) throw new Error('the consumer is not started');
    // if this send fails the error propagates, the offset is not committed and kafkajs redelivers:
    // a poison message is never skipped without landing on the dead-letter topic
    await this.producer.send({ topic: deadLetterTopic(source.topic), acks: -1, messages: [deadLetterMessage(source, reason, this.groupId)] });
    this.metrics.deadLettered += 1;
  }
}

/** Waits (up to 30 s) until the broker serves metadata, leaders included, for every topic. */
async function waitForTopicMetadata(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      if (found.length === topics.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`the broker has no leader for some of ${topics.join(', ')} after 30 s`);
    await sleep(200);
  }
}

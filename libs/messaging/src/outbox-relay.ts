import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type pg from 'pg';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffOptions } from './backoff.ts';
import { consoleLogger, type MessagingLogger } from './logger.ts';
import { MessagingMetrics } from './metrics.ts';
import { toTopicMessages, type OutboxRow } from './outbox-message.ts';

export interface OutboxRelayOptions {
  /** rows per transaction; one Kafka request carries them all */
  batchSize?: number;
  /** how long to wait when the outbox is empty */
  pollIntervalMs?: number;
  /** waits after a Kafka or database error, growing with consecutive failures */
  backoff?: BackoffOptions;
  metrics?: MessagingMetrics;
  logger?: MessagingLogger;
  /**
   * Called after Kafka acknowledged a batch and before the rows are marked published: the window
   * in which a crash causes a re-send. For progress reporting, and for tests that crash the relay there.
   */
  afterSend?: (rows: readonly OutboxRow[]) => void | Promise<void>;
}

/**
 * Publishes the outbox to Kafka. Each batch is read with `for update skip locked`, sent, marked
 * and committed in one transaction, so a row is marked only after Kafka acknowledged it. A crash
 * after the send but before the commit leaves the rows unpublished and they are sent again:
 * at-least-once, which consumers turn into exactly-once by remembering event ids.
 *
 * Per-key order holds with one relay per database (the next batch is read only after the previous
 * committed). `skip locked` keeps a second relay from sending the same rows twice, but its batch
 * could overtake the first's, so run one.
 */
export class OutboxRelay {
  readonly metrics: MessagingMetrics;
  private readonly pool: pg.Pool;
  private readonly producer: Producer;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: MessagingLogger;
  private readonly afterSend: OutboxRelayOptions['afterSend'];
  private connected = false;
  private loop: Promise<void> | undefined;
  private stopping: AbortController | undefined;

  constructor(pool: pg.Pool, kafka: Kafka, options: OutboxRelayOptions = {}) {
    this.pool = pool;
    // idempotent + one request in flight: the broker drops the producer's own retries, and a retried
    // request cannot overtake the one after it, so per-partition order is the outbox order
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.metrics = options.metrics ?? new MessagingMetrics();
    this.logger = options.logger ?? consoleLogger;
    this.afterSend = options.afterSend;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${this.batchSize}`);
  }

  /** Starts the loop in the background; errors are logged and retried, never thrown. */
  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = this.run(stopping.signal);
  }

  /** Lets the in-flight batch finish (sent and marked), then disconnects. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = undefined;
    this.stopping = undefined;
    if (this.connected) {
      this.connected = false;
      await this.producer.disconnect();
    }
  }

  /** Publishes one batch and returns how many rows it held (0 when the outbox is drained). */
  async drainOnce(): Promise<number> {
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<OutboxRow>(
        `select id, topic, message_key, envelope from outbox
         where published_at is null
         order by created_at, id
         for update skip locked
         limit $1`,
        [this.batchSize],
      );
      if (rows.length > 0) {
        await this.producer.sendBatch({ topicMessages: toTopicMessages(rows), acks: -1 });
        this.metrics.produced += rows.length;
        await this.afterSend?.(rows);
        // no cast: the column's own type (uuid in most services, text in the ledger's) types the array
        await client.query('update outbox set published_at = now() where id = any($1)', [rows.map((r) => r.id)]);
      }
      await client.query('commit');
      return rows.length;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const published = await this.drainOnce();
        failures = 0;
        // a full batch means more may be waiting: go again at once
        if (published < this.batchSize) await sleep(this.pollIntervalMs, signal);
      } catch (error) {
        failures += 1;
        const delay = backoffDelay(failures, this.backoff);
        this.logger.warn(`outbox relay: batch failed (${failures} in a row), retrying in ${delay} ms: ${(error as Error).message}`);
        await sleep(delay, signal);
      }
    }
  }
}

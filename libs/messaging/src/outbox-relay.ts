import type { Kafka, Producer } from 'kafkajs';
import type pg from 'pg';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffOptions } from './backoff.ts';
import { consoleLogger, type MessagingLogger } from './logger.ts';
import { MessagingMetrics } from './metrics.ts';
import { OUTBOX_WAKE_CHANNEL } from './schema-sql.ts';
import { inTransaction } from './transaction.ts';
import { toTopicMessages, type OutboxRow } from './outbox-message.ts';
import { SendRetryWatch } from '@gridledger/kafka-client';

export interface OutboxRelayOptions {
  /** rows per transaction; one Kafka request carries them all */
  batchSize?: number;
  /**
   * How long to wait when the outbox is empty. An insert wakes the relay at once (a trigger
   * NOTIFYs it), so this is only the fallback when that notification is lost.
   */
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
  /**
   * Exactly once on Kafka: each batch is a Kafka transaction with this transactional id (one per
   * outbox: two relays on one database must not share it), and a restarted relay learns from Kafka
   * whether its last batch committed instead of sending it again. Consumers must read committed
   * records only (kafkajs does by default). Without it the relay is at-least-once.
   */
  transactionalId?: string;
  /**
   * Throws unless this relay may still write: called on the connection that tags a batch, just
   * before, and inside the transaction that settles the last batch after a restart, so a relay
   * that lost its lease to another replica (and has not noticed yet) can neither start a batch nor
   * undo the new relay's.
   */
  fence?: (db: pg.ClientBase) => Promise<void>;
}

/** Sends of one batch in a row that kafkajs retried (see SendRetryWatch) before the batch counts as failed. */
const MAX_RETRIED_SENDS = 5;

/** How long a new transaction waits, in all, for the coordinator to finish the last one. */
const JOIN_TRANSACTION_MS = 10_000;
const JOIN_TRANSACTION_BACKOFF: BackoffOptions = { initialMs: 5, maxMs: 200, factor: 2 };

/**
 * Runs a transaction's first coordinator request until the coordinator takes it. After a commit
 * or an abort the coordinator still writes that transaction's markers for a few milliseconds
 * (more under load, or after a broker moved), and answers CONCURRENT_TRANSACTIONS until it has:
 * seen on every busy outbox, where it made kafkajs retry the send after 250–700 ms, the relay
 * abort the retried transaction (SendRetryWatch), and events reach Kafka a second late. Retried
 * here from 5 ms, doubling; nothing of the batch has been sent yet, so this retry is harmless.
 */
export async function joinTransaction(first: () => Promise<unknown>, sleepFor: (ms: number) => Promise<void> = (ms) => sleep(ms)): Promise<void> {
  let waited = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await first();
      return;
    } catch (error) {
      if ((error as { type?: string }).type !== 'CONCURRENT_TRANSACTIONS' || waited >= JOIN_TRANSACTION_MS) throw error;
    }
    const delay = backoffDelay(attempt, JOIN_TRANSACTION_BACKOFF);
    await sleepFor(delay);
    waited += delay;
  }
}

/**
 * The next unpublished, untagged rows (oldest first) tagged with one fresh batch number, in one
 * statement, each with its position in the order of arrival (an update returns its rows in no
 * particular order). The sequence is drawn once, and only when there are rows: a CTE with a
 * volatile function is evaluated once, never inlined.
 */
const TAG_BATCH_SQL = `with picked as (
  select id, created_at from outbox
  where published_at is null and batch_seq is null
  order by created_at, id
  for update skip locked
  limit $1
), ordered as (
  select id, row_number() over (order by created_at, id) as position from picked
), batch as (
  select nextval('outbox_batch_seq') as seq where exists (select 1 from picked)
)
update outbox o set batch_seq = batch.seq
from ordered cross join batch
where o.id = ordered.id
returning o.id, o.topic, o.message_key, o.envelope, o.batch_seq::text as batch_seq, ordered.position::int as position`;

/** Where a transactional relay records, atomically with each batch, the number of the batch. */
export const OUTBOX_PROGRESS_TOPIC = '__gridledger-outbox-progress';

/**
 * Publishes the outbox to Kafka.
 *
 * At-least-once (the default): each batch is read with `for update skip locked`, sent, marked
 * and committed in one transaction, so a row is marked only after Kafka acknowledged it. A crash
 * after the send but before the commit leaves the rows unpublished and they are sent again:
 * at-least-once, which consumers turn into exactly-once by remembering event ids.
 *
 * Per-key order holds with one relay per database (the next batch is read only after the previous
 * committed). `skip locked` keeps a second relay from sending the same rows twice, but its batch
 * could overtake the first's, so run one.
 *
 * Exactly-once (`transactionalId`): a batch's rows are first tagged with a fresh batch number and
 * committed; then one Kafka transaction carries the batch's records and, as a transactional offset
 * commit, the batch number; then the rows are marked. After a crash or a broker failure the relay
 * re-initialises its producer (which aborts a transaction left open) and reads back the last batch
 * number Kafka committed: tagged rows up to it are marked published, later ones are sent again.
 */
export class OutboxRelay {
  readonly metrics: MessagingMetrics;
  private readonly pool: pg.Pool;
  private producer: Producer;
  /** catches a send that kafkajs retried, which may have lost or doubled records */
  private sendWatch = new SendRetryWatch();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: MessagingLogger;
  private readonly afterSend: OutboxRelayOptions['afterSend'];
  private readonly kafka: Kafka;
  private readonly transactionalId: string | undefined;
  private readonly fence: OutboxRelayOptions['fence'];
  private connected = false;
  private loop: Promise<void> | undefined;
  private stopping: AbortController | undefined;
  /** the connection LISTENing for inserts, while it works */
  private listener: pg.PoolClient | undefined;
  /** an insert was notified since the last batch was read */
  private woken = false;
  private wakeIdle: (() => void) | undefined;
  /** after a failed LISTEN, when to try again (not on every poll) */
  private listenAgainAt = 0;

  constructor(pool: pg.Pool, kafka: Kafka, options: OutboxRelayOptions = {}) {
    this.pool = pool;
    this.kafka = kafka;
    this.transactionalId = options.transactionalId;
    this.fence = options.fence;
    this.producer = this.newProducer();
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
    const listener = this.listener;
    this.listener = undefined;
    listener?.release(true);
    if (this.connected) {
      this.connected = false;
      await this.producer.disconnect();
    }
  }

  /** Publishes one batch and returns how many rows it held (0 when the outbox is drained). */
  async drainOnce(): Promise<number> {
    if (!this.connected) {
      // a relay that lost its lease must not start a producer: its initialisation would fence the new holder's
      const fence = this.fence;
      if (fence) await inTransaction(this.pool, (tx) => fence(tx));
      await this.producer.connect();
      this.connected = true;
      // no batch may be tagged before the last one is settled (recover relies on every batch below
      // the committed one having committed): a recovery that fails starts over with a fresh producer
      if (this.transactionalId) await this.recover(this.transactionalId).catch(async (error: unknown) => {
        await this.resetProducer();
        throw error;
      });
    }
    return this.transactionalId ? this.drainTransactional(this.transactionalId) : this.drainAtLeastOnce();
  }

  private newProducer(): Producer {
    // idempotent + one request in flight: the broker drops the producer's own retries, and a retried
    // request cannot overtake the one after it, so per-partition order is the outbox order
    this.sendWatch = new SendRetryWatch();
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: this.sendWatch.createPartitioner,
      ...(this.transactionalId ? { transactionalId: this.transactionalId } : {}),
    });
  }

  /**
   * Settles the batch that was in flight when the last producer stopped: the producer's
   * initialisation has aborted any transaction it left open, so the committed batch number is final.
   */
  private async recover(transactionalId: string): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    let committed = -1n;
    try {
      await admin.createTopics({ topics: [{ topic: OUTBOX_PROGRESS_TOPIC, numPartitions: 1 }], waitForLeaders: true });
      const offsets = await admin.fetchOffsets({ groupId: transactionalId, topics: [OUTBOX_PROGRESS_TOPIC] });
      const offset = offsets[0]?.partitions.find((p) => p.partition === 0)?.offset;
      if (offset !== undefined && offset !== '-1') committed = BigInt(offset);
    } finally {
      await admin.disconnect();
    }
    const { marked, reset } = await inTransaction(this.pool, async (tx) => {
      await this.fence?.(tx);
      return {
        marked: await tx.query('update outbox set published_at = now() where published_at is null and batch_seq <= $1', [committed.toString()]),
        reset: await tx.query('update outbox set batch_seq = null where published_at is null and batch_seq > $1', [committed.toString()]),
      };
    });
    if ((marked.rowCount ?? 0) + (reset.rowCount ?? 0) > 0) {
      this.logger.log(`outbox relay ${transactionalId}: after a restart, ${marked.rowCount} rows were already on Kafka (batch ${committed}), ${reset.rowCount} will be sent again`);
    }
  }

  private async drainTransactional(transactionalId: string): Promise<number> {
    const { rows, batchSeq } = await this.tagBatch();
    if (rows.length === 0) return 0;
    try {
      const transaction = await this.producer.transaction();
      try {
        // The batch number first: its AddOffsetsToTxn is the transaction's first request to
        // the coordinator, and waits out the last transaction's markers here (see
        // joinTransaction) instead of in the send, where kafkajs's retry would cost 300 ms and
        // this whole transaction. The records and the number commit together either way.
        await joinTransaction(() => transaction.sendOffsets({ consumerGroupId: transactionalId, topics: [{ topic: OUTBOX_PROGRESS_TOPIC, partitions: [{ partition: 0, offset: batchSeq }] }] }));
        this.sendWatch.begin();
        // one produce request per broker for every topic in the batch (answers and events travel together)
        await transaction.sendBatch({ topicMessages: toTopicMessages(rows), acks: -1 });
        if (this.sendWatch.retried(rows.length)) {
          // kafkajs retried the send, which may have left records out or sent them twice (see
          // SendRetryWatch): none of this transaction may commit. Nor may the batch go again on
          // this producer. A write kafkajs took for failed (its broker was killed) may have reached
          // the partition anyway, under a sequence number kafkajs then hands out again; the broker
          // takes the second write for a duplicate of the first, answers success and writes
          // nothing, and the first is in the aborted transaction. In a CI run of the ha suite that
          // lost 8 answers of a batch the relay had marked published. A fresh producer's
          // initialisation bumps the epoch, and the batch goes again after the recovery below.
          this.metrics.resent += rows.length;
          throw new Error(`outbox batch ${batchSeq}: the Kafka client retried its send; aborted, to be sent again by a fresh producer`);
        }
        await transaction.commit();
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    } catch (error) {
      // Any failure once the batch is tagged, even before its transaction began (a coordinator
      // that moved with a lost broker): whether it committed is unknown and its rows stay tagged.
      // A fresh producer makes the next round recover first, which settles the batch from Kafka's
      // committed batch number. Tagging the next batch without that would leave this one tagged
      // below a later committed number, where recovery would take it for sent.
      await this.resetProducer();
      throw error;
    }
    this.metrics.produced += rows.length;
    await this.afterSend?.(rows);
    await this.pool.query('update outbox set published_at = now() where batch_seq = $1 and published_at is null', [batchSeq]);
    return rows.length;
  }

  /**
   * Tags the next rows with a fresh batch number and commits that, so the batch is known after a
   * crash. One statement after the fence, not a transaction of five statements: under load every
   * round trip to PostgreSQL waits its turn for a core, and the tag is on the path of every event
   * to Kafka (phase timings in the ledger at a steady 50 commands/s put single tags at up to
   * 236 ms). The fence is checked just before the tag, on the same connection, as it was inside
   * the transaction: at read committed neither kept the lease for the statements after the check.
   */
  private async tagBatch(): Promise<{ rows: OutboxRow[]; batchSeq: string }> {
    const client = await this.pool.connect();
    try {
      await this.fence?.(client);
      const { rows } = await client.query<OutboxRow & { batch_seq: string; position: number }>(TAG_BATCH_SQL, [this.batchSize]);
      rows.sort((a, b) => a.position - b.position);
      return { rows: rows.map(({ id, topic, message_key, envelope }) => ({ id, topic, message_key, envelope })), batchSeq: rows[0]?.batch_seq ?? '0' };
    } finally {
      client.release();
    }
  }

  private async resetProducer(): Promise<void> {
    const old = this.producer;
    this.producer = this.newProducer();
    this.connected = false;
    await old.disconnect().catch(() => undefined);
  }

  private async drainAtLeastOnce(): Promise<number> {
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
        // a send kafkajs retried may have left records out (see SendRetryWatch): the batch goes
        // again until one send is clean; a record sent twice is what at-least-once allows
        for (let send = 1; ; send += 1) {
          this.sendWatch.begin();
          await this.producer.sendBatch({ topicMessages: toTopicMessages(rows), acks: -1 });
          if (!this.sendWatch.retried(rows.length)) break;
          this.metrics.resent += rows.length;
          if (send >= MAX_RETRIED_SENDS) throw new Error(`an outbox batch was retried by the Kafka client in ${send} sends in a row`);
        }
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

  /**
   * LISTENs on its own connection for the trigger's NOTIFY, so a new row goes out within
   * milliseconds instead of at the next poll. Best effort: without it the relay polls.
   */
  private async listen(): Promise<void> {
    // the listener holds a connection for good: a one-connection pool is left to the batches
    if (this.listener || Date.now() < this.listenAgainAt || (this.pool.options.max ?? 10) < 2) return;
    this.listenAgainAt = Date.now() + 30_000;
    const client = await this.pool.connect();
    try {
      await client.query(`listen ${OUTBOX_WAKE_CHANNEL}`);
    } catch (error) {
      client.release(true);
      throw error;
    }
    client.on('notification', () => {
      this.woken = true;
      this.wakeIdle?.();
    });
    client.on('error', (error) => {
      // released already: by stop() (the lease was lost with the database), or at an earlier
      // report of this failure (pg reports a dying connection more than once). Releasing it again
      // would throw out of this listener and end the process.
      if (this.listener !== client) return;
      this.listener = undefined;
      this.logger.warn(`outbox relay: the LISTEN connection failed (${error.message}); polling until it is back`);
      client.release(true);
    });
    this.listener = client;
  }

  /** Waits for a notified insert, the poll interval, or stop, whichever comes first. */
  private async idle(signal: AbortSignal): Promise<void> {
    if (this.woken) return;
    const wake = new AbortController();
    this.wakeIdle = () => wake.abort();
    try {
      await sleep(this.pollIntervalMs, AbortSignal.any([signal, wake.signal]));
    } finally {
      this.wakeIdle = undefined;
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        await this.listen().catch((error: Error) => this.logger.warn(`outbox relay: cannot LISTEN for new rows (${error.message}); polling every ${this.pollIntervalMs} ms`));
        // cleared before reading: a row inserted after this point wakes the next idle
        this.woken = false;
        const published = await this.drainOnce();
        failures = 0;
        // a full batch means more may be waiting: go again at once
        if (published < this.batchSize) await this.idle(signal);
      } catch (error) {
        failures += 1;
        const delay = backoffDelay(failures, this.backoff);
        this.logger.warn(`outbox relay: batch failed (${failures} in a row), retrying in ${delay} ms: ${(error as Error).message}`);
        await sleep(delay, signal);
      }
    }
  }
}


import pg from 'pg';
import { sleep } from './backoff.ts';
import { consoleLogger, type MessagingLogger } from './logger.ts';

/** What runs while a replica holds a lease: started when it is won, stopped when it is lost or the service stops. */
export interface LeaseHolder {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export interface SingletonLeaseOptions {
  connectionString: string;
  /** one lease per name and database; replicas of a service use the same name */
  name: string;
  /** how often a replica without the lease tries for it */
  pollMs?: number;
  /** how often the holder checks that its lock connection is alive */
  heartbeatMs?: number;
  logger?: MessagingLogger;
}

/**
 * Exactly one replica at a time runs a loop that must not run twice: an outbox relay (two
 * would overtake each other's batches and fence each other's transactional producer), the
 * chain-event relay, the ledger's command pipeline, a scheduled job.
 *
 * The lease is a PostgreSQL session advisory lock held on a connection of its own, idle and with
 * no transaction open. PostgreSQL frees the lock when that session ends, so a replica that dies
 * (or loses its database) loses the lease and another one takes it within `pollMs`. A holder
 * whose connection ends, or fails a heartbeat, stops its work at once: the lock may already be
 * someone else's. The work it did is in the database, so stopping loses nothing.
 */
export class SingletonLease {
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly logger: MessagingLogger;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  /** the backend pid of the session holding the lock, while held: what `assertHeld` checks against */
  private holderPid: number | undefined;
  private readonly options: SingletonLeaseOptions;

  constructor(options: SingletonLeaseOptions) {
    this.options = options;
    this.pollMs = options.pollMs ?? 2_000;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.logger = options.logger ?? consoleLogger;
  }

  /** whether this replica holds the lease now */
  get held(): boolean {
    return this.holderPid !== undefined;
  }

  /**
   * Throws unless this replica's lock session still holds the lease, checked on `db` (any
   * connection to the same database). Work that writes inside a transaction calls it in that
   * transaction: a replica that lost the lease but has not noticed yet then writes nothing, since
   * PostgreSQL dropped the lock the moment the holding session ended. A fencing token, in effect.
   */
  async assertHeld(db: pg.ClientBase): Promise<void> {
    const pid = this.holderPid;
    const { rows } = pid === undefined ? { rows: [] } : await db.query<{ held: boolean }>(LOCK_HELD_SQL, [pid, this.options.name]);
    if (!rows[0]?.held) throw new LeaseLostError(this.options.name);
  }

  /** Runs `holder` whenever this replica holds the lease, in the background, until `stop`. */
  run(holder: LeaseHolder): void {
    if (this.loop) throw new Error(`lease ${this.options.name} is already running`);
    this.loop = this.cycle(holder);
  }

  /** Stops the holder (if it runs), then gives the lease up: never the other way round, or two could run. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async cycle(holder: LeaseHolder): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const client = await this.acquire(signal);
      if (!client) return;
      let lost = true;
      try {
        await holder.start();
        const reason = await this.whileHeld(client, signal);
        if (reason) this.logger.warn(`lease ${this.options.name} lost (${reason}): stopping its work until it is held again`);
        else lost = false;
      } catch (error) {
        this.logger.warn(`lease ${this.options.name}: its work failed to start (${(error as Error).message}); letting the lease go`);
      } finally {
        // a lease that was lost may be someone else's already: nothing more is written under it;
        // one being given up is still held until its work has stopped, so that work may finish
        if (lost) this.holderPid = undefined;
        await Promise.resolve(holder.stop()).catch((error: Error) => this.logger.warn(`lease ${this.options.name}: stopping its work failed: ${error.message}`));
        this.holderPid = undefined;
        await client.end().catch(() => undefined);
      }
      if (!signal.aborted) await sleep(this.pollMs, signal);
    }
  }

  /** A connection holding the lock, or undefined once stopped. */
  private async acquire(signal: AbortSignal): Promise<pg.Client | undefined> {
    this.holderPid = undefined;
    while (!signal.aborted) {
      const client = new pg.Client({ connectionString: this.options.connectionString, keepAlive: true, connectionTimeoutMillis: 5_000, application_name: `lease:${this.options.name}` });
      // an error on an idle connection is reported through 'end' below; without a listener it would be thrown
      client.on('error', () => undefined);
      try {
        await client.connect();
        const { rows } = await client.query<{ held: boolean; pid: number }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as held, pg_backend_pid() as pid', [this.options.name]);
        if (rows[0]?.held) {
          this.holderPid = rows[0].pid;
          this.logger.log(`lease ${this.options.name} held by this replica`);
          return client;
        }
      } catch {
        // the database is unreachable: nobody can hold the lease through it, try again
      }
      await client.end().catch(() => undefined);
      await sleep(this.pollMs, signal);
    }
    return undefined;
  }

  /** Resolves when the lease is lost (with why) or the lease is stopped (with undefined). */
  private whileHeld(client: pg.Client, signal: AbortSignal): Promise<string | undefined> {
    return new Promise((resolve) => {
      const done = (reason: string | undefined) => {
        clearInterval(heartbeat);
        client.off('end', onEnd);
        signal.removeEventListener('abort', onAbort);
        resolve(reason);
      };
      const onEnd = () => done(signal.aborted ? undefined : 'its connection ended');
      const onAbort = () => done(undefined);
      client.on('end', onEnd);
      signal.addEventListener('abort', onAbort, { once: true });
      const heartbeat = setInterval(() => {
        const timeout = setTimeout(() => done(`no heartbeat answer within ${this.heartbeatMs} ms`), this.heartbeatMs);
        client.query('select 1').then(
          () => clearTimeout(timeout),
          (error: Error) => {
            clearTimeout(timeout);
            done(`heartbeat failed: ${error.message}`);
          },
        );
      }, this.heartbeatMs);
    });
  }
}

/**
 * Whether session `$1` holds the advisory lock on key hashtextextended(`$2`): PostgreSQL keeps a
 * bigint key's high half in classid and its low half in objid, with objsubid 1.
 */
const LOCK_HELD_SQL = `select exists (
  select 1 from pg_locks
  where locktype = 'advisory' and granted and pid = $1 and objsubid = 1
    and ((classid::int8 << 32) | objid::int8) = hashtextextended($2, 0)
) as held`;

/** The lease is no longer this replica's: whatever it was about to write must not be written. */
export class LeaseLostError extends Error {
  constructor(name: string) {
    super(`lease ${name} is no longer held by this replica`);
    this.name = 'LeaseLostError';
  }
}

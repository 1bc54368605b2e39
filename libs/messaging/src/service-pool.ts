import pg from 'pg';
import type { MessagingLogger } from './logger.ts';
import { traceQueries } from './query-spans.ts';

/**
 * A PostgreSQL pool that survives the database going away.
 *
 * pg emits a connection's failure (the server shut down or restarted, the connection cut) as an
 * 'error' event on the client, and an 'error' event nobody listens to ends the process:
 * - an idle client's error is re-emitted on the pool, which pg-pool listens for only while the
 *   client is idle; in the ha chaos suite, killing PostgreSQL crashed a ledger replica this way;
 * - a checked-out client (in a transaction, or between two queries of one) has no listener at
 *   all: in the dev chaos suite, killing PostgreSQL crashed the ledger and access-policy, and the
 *   restarts that followed while the database came back used up the supervisor's crash-loop
 *   budget, so the ledger stayed down for the rest of the run.
 *
 * So every client gets a listener of its own for as long as it lives. It need not say anything:
 * the failure rejects the query in flight (or the next one), which its caller handles and retries
 * like any other while the database is down, and pg-pool drops the broken client when released.
 */
export function servicePool(config: pg.PoolConfig, logger: Pick<MessagingLogger, 'warn'>): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', (error) => logger.warn(`an idle database connection failed (${error.message}); it is dropped and the next query opens another`));
  // the caller's query is rejected with the error, or the pool's idle listener reports it
  pool.on('connect', (client) => client.on('error', () => undefined));
  traceQueries(pool);
  return pool;
}

/** SQLSTATEs and socket errors of a database that is down, starting up or restarting. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** Whether `error` says the database could not be reached, rather than that the statement was wrong. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (typeof code === 'string' && UNREACHABLE_CODES.has(code)) || (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect/.test(message));
}

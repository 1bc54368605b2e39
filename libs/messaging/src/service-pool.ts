import pg from 'pg';
import type { MessagingLogger } from './logger.ts';

/**
 * A PostgreSQL pool that survives the database going away. pg emits an idle client's error (the
 * server shut down or restarted, the connection cut) on the pool, and an 'error' event nobody
 * listens to ends the process: in the ha chaos suite, killing PostgreSQL crashed a ledger replica
 * this way. The broken client is dropped by the pool either way; the next query opens a new one,
 * and fails, and is retried, like any other while the database is down.
 */
export function servicePool(config: pg.PoolConfig, logger: Pick<MessagingLogger, 'warn'>): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', (error) => logger.warn(`an idle database connection failed (${error.message}); it is dropped and the next query opens another`));
  return pool;
}

import type pg from 'pg';

/**
 * Runs `work` in one PostgreSQL transaction on a client of its own: committed if it resolves,
 * rolled back if it throws. This is how a state change and its outbox event are written together.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import { servicePool } from '../src/index.ts';
import { messagingDatabase, type MessagingDatabase } from './support/messaging-fixture.ts';

describe('servicePool against PostgreSQL', () => {
  let db: MessagingDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('survives the server ending a checked-out connection: the query fails, the process does not, the pool goes on', async () => {
    db = await messagingDatabase();
    const warnings: string[] = [];
    const pool = servicePool({ connectionString: db.database.url, max: 2 }, { warn: (message) => void warnings.push(message) });
    try {
      const client = await pool.connect();
      await client.query('begin');
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      // what a PostgreSQL restart does to a service's transaction in progress; without a listener
      // on the client, pg's 'error' event would be uncaught, and vitest reports those as failures
      await db.pool.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(client.query('select 1')).rejects.toThrow();
      client.release(true);
      expect((await pool.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
    } finally {
      await pool.end();
    }
  });
});

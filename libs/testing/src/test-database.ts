import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { stackConnections } from './stack-connections.ts';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { host, port, credentials } = stackConnections().postgres;
  const client = new pg.Client({ host, port, user: credentials.superuser.user, password: credentials.superuser.password, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A throwaway database on the stack's PostgreSQL, so tests never touch a service's data. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const { host, port, credentials } = stackConnections().postgres;
  await asSuperuser((c) => c.query(`create database "${name}"`));
  return {
    name,
    url: `postgresql://${encodeURIComponent(credentials.superuser.user)}:${encodeURIComponent(credentials.superuser.password)}@${host}:${port}/${name}`,
    drop: () => asSuperuser((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionConfig } from './connection-config.ts';

export interface PostgresCredentials {
  superuser: { user: string; password: string };
  services: Record<string, { user: string; password: string; database: string }>;
}

/** The data directory of the stack's PostgreSQL, and the credentials `up` generated for it. */
export function postgresFiles(config: ConnectionConfig) {
  const dir = join(config.paths.data, 'postgres');
  return { dir, pgdata: join(dir, 'pgdata'), socketDir: join(dir, 'socket'), credentials: join(dir, 'credentials.json') };
}

export function readPostgresCredentials(config: ConnectionConfig): PostgresCredentials {
  return JSON.parse(readFileSync(postgresFiles(config).credentials, 'utf8')) as PostgresCredentials;
}

/** The connection URL of a service's own database, as its own role. */
export function serviceDatabaseUrl(config: ConnectionConfig, service: string): string {
  const db = readPostgresCredentials(config).services[service];
  if (!db) throw new Error(`the ${service} database has no credentials`);
  return `postgresql://${db.user}:${encodeURIComponent(db.password)}@127.0.0.1:${config.ports.postgres}/${db.database}`;
}

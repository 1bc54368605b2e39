import { chmodSync, copyFileSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPostgresCredentials } from '@gridledger/stack-connection';
import pg from 'pg';
import type { StackConfig } from '../config/stack-config.ts';

// Rebuilt by the server at start, or of this one process's lifetime only (PostgreSQL's
// "Backup and restore" chapter lists them); the directories themselves must exist.
const CONTENTS_SKIPPED = new Set(['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans']);
const FILES_SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);

/**
 * Copies a live cluster's files. A file may be half-written or gone by the time it is read:
 * the WAL from the backup's start replays over torn pages, and a file dropped meanwhile is
 * not needed.
 */
function copyTree(from: string, to: string, top: boolean): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  let entries: string[];
  try {
    entries = readdirSync(from);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of entries) {
    if (top && FILES_SKIPPED.has(name)) continue;
    if (name.startsWith('pgsql_tmp')) continue;
    const source = join(from, name);
    try {
      const stat = lstatSync(source);
      if (stat.isDirectory()) {
        if (top && CONTENTS_SKIPPED.has(name)) mkdirSync(join(to, name), { recursive: true, mode: 0o700 });
        else copyTree(source, join(to, name), false);
      } else if (stat.isFile()) {
        copyFileSync(source, join(to, name));
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** The WAL, copied after the backup has ended, so it reaches at least the backup's end. */
function copyWal(pgdata: string, target: string): void {
  copyTree(join(pgdata, 'pg_wal'), join(target, 'pg_wal'), false);
}

/**
 * An online base backup of the cluster into `target`, with PostgreSQL's low-level API: while the
 * services keep writing, `pg_backup_start` checkpoints and marks where replay must begin, the
 * files are copied, and `pg_backup_stop`'s label goes into the copy as `backup_label`, so that a
 * server started on it replays the copied WAL to a consistent state.
 */
export async function onlineBaseBackup(config: StackConfig, pgdata: string, target: string): Promise<void> {
  const { superuser } = readPostgresCredentials(config);
  const client = new pg.Client({ host: '127.0.0.1', port: config.ports.postgres, user: superuser.user, password: superuser.password, database: 'postgres' });
  await client.connect();
  try {
    // the backup lives as long as this session: start and stop must be on the same connection
    await client.query('select pg_backup_start($1, true)', [`gridledger ${new Date().toISOString()}`]);
    let stopped = false;
    try {
      copyTree(pgdata, target, true);
      const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>('select labelfile, spcmapfile from pg_backup_stop(false)');
      stopped = true;
      const stop = rows[0];
      if (!stop) throw new Error('pg_backup_stop returned nothing');
      writeFileSync(join(target, 'backup_label'), stop.labelfile, { mode: 0o600 });
      if (stop.spcmapfile) writeFileSync(join(target, 'tablespace_map'), stop.spcmapfile, { mode: 0o600 });
    } finally {
      if (!stopped) await client.query('select pg_backup_stop(false)').catch(() => undefined);
    }
    copyWal(pgdata, target);
  } finally {
    await client.end().catch(() => undefined);
  }
  chmodSync(target, 0o700);
}

/** A stopped cluster's files, as they are. */
export function offlineCopy(pgdata: string, target: string): void {
  copyTree(pgdata, target, true);
  copyWal(pgdata, target);
  chmodSync(target, 0o700);
}

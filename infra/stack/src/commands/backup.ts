import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import { postgresComponent } from '../components/postgres.ts';
import { existingBackedUpPaths, PGDATA } from '../backup/backup-contents.ts';
import { writeEncryptedArchive } from '../backup/backup-archive.ts';
import { offlineCopy, onlineBaseBackup } from '../backup/postgres-base-backup.ts';
import { runningDaemon } from '../process/daemon.ts';
import { StackError } from '../terminal/stack-error.ts';
import { step } from '../terminal/progress.ts';

export interface BackupManifest {
  format: 1;
  createdAt: string;
  topology: string;
  paths: string[];
  postgres: 'online' | 'offline' | 'none';
}

/** The whole archive, staged in a private temporary directory: `manifest.json`, `files/…`, `pgdata/…`. */
function tarOf(stage: string) {
  const tar = spawn('tar', ['-C', stage, '-czf', '-', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<void>((resolvePromise, reject) => {
    tar.on('error', (error) => reject(new StackError(`Could not run tar: ${error.message}.`)));
    tar.on('close', (code) => (code === 0 ? resolvePromise() : reject(new StackError(`tar failed (exit ${code}): ${stderr.trim().slice(-500)}`))));
  });
  return { stream: tar.stdout, done };
}

/**
 * `stack backup <file>`: what cannot be rebuilt (see backup-contents.ts) in one file encrypted
 * with a passphrase. It runs while the platform runs; PostgreSQL is copied with an online base
 * backup, so the services need not stop.
 */
export async function backup(config: StackConfig, file: string, passphrase: string): Promise<void> {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'gridledger-backup-'));
  try {
    const paths = existingBackedUpPaths(config);
    if (!paths.includes('services/identity/secrets.json')) throw new StackError(`There is nothing to back up in ${config.paths.data}: the stack has not been started there.`);
    await step(`Copying ${paths.length} secrets, keys and CA directories`, async () => {
      for (const path of paths) cpSync(join(config.paths.data, path), join(stage, 'files', path), { recursive: true, preserveTimestamps: true });
    });
    const pgdata = join(config.paths.data, PGDATA);
    let postgres: BackupManifest['postgres'] = 'none';
    if (runningDaemon(config.paths, 'postgres') && (await postgresComponent(config).healthy())) {
      await step('Copying PostgreSQL while it runs (online base backup)', () => onlineBaseBackup(config, pgdata, join(stage, 'pgdata')));
      postgres = 'online';
    } else if (statSync(pgdata, { throwIfNoEntry: false })?.isDirectory()) {
      await step('Copying PostgreSQL (stopped)', async () => offlineCopy(pgdata, join(stage, 'pgdata')));
      postgres = 'offline';
    }
    const manifest: BackupManifest = { format: 1, createdAt: new Date().toISOString(), topology: config.topology.name, paths, postgres };
    writeFileSync(join(stage, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await step(`Writing ${target} (compressed, AES-256-GCM with a key from the passphrase)`, async () => {
      const tar = tarOf(stage);
      await Promise.all([writeEncryptedArchive(tar.stream, `${target}.partial`, passphrase), tar.done]);
      // renamed only when whole, so a file under the final name is always a complete backup
      renameSync(`${target}.partial`, target);
    });
    const mib = (statSync(target).size / 1024 / 1024).toFixed(1);
    console.log(`Backup written: ${target} (${mib} MiB). Keep it and its passphrase apart; either alone opens nothing.`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
    rmSync(`${target}.partial`, { force: true });
  }
}

import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import { componentNames } from '../components/stack-components.ts';
import { BACKED_UP_PATHS, PGDATA } from '../backup/backup-contents.ts';
import { readEncryptedArchive } from '../backup/backup-archive.ts';
import { markConsumerRewind } from '../backup/consumer-rewind.ts';
import { runningDaemon } from '../process/daemon.ts';
import { runCommand } from '../process/run-command.ts';
import { SUPERVISOR } from '../supervision/supervisor.ts';
import { StackError } from '../terminal/stack-error.ts';
import { step } from '../terminal/progress.ts';
import type { BackupManifest } from './backup.ts';

function readManifest(stage: string): BackupManifest {
  const file = join(stage, 'manifest.json');
  const manifest = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<BackupManifest>) : {};
  if (manifest.format !== 1 || !Array.isArray(manifest.paths)) throw new StackError('The backup opened, but its manifest is not one this stack command writes (format 1).');
  // the archive is authenticated, but a path is still only ever one the stack itself backs up
  const unknown = manifest.paths.filter((path) => !(BACKED_UP_PATHS as readonly string[]).includes(path));
  if (unknown.length > 0) throw new StackError(`The backup names paths the stack does not back up: ${unknown.join(', ')}.`);
  return manifest as BackupManifest;
}

/**
 * `stack restore <file>`: puts back what `backup` saved, over the stack's data directory, while
 * the stack is down. The chain, IPFS and Kafka keep what they have; the services then catch up
 * from the point of the backup (outbox rows not yet sent are sent again, and consumers drop what
 * they have seen by event id).
 */
export async function restore(config: StackConfig, file: string, passphrase: string): Promise<void> {
  const source = resolve(file);
  if (!existsSync(source)) throw new StackError(`There is no backup at ${source}.`);
  const running = [SUPERVISOR, ...componentNames(config)].filter((name) => runningDaemon(config.paths, name));
  if (running.length > 0) {
    throw new StackError(`restore replaces the stack's keys and databases, so the stack must be stopped first: npm run stack -- down (running: ${running.join(', ')}).`);
  }
  const work = mkdtempSync(join(tmpdir(), 'gridledger-restore-'));
  try {
    const archive = join(work, 'backup.tar.gz');
    const stage = join(work, 'stage');
    await step(`Decrypting and checking ${source}`, () => readEncryptedArchive(source, archive, passphrase));
    mkdirSync(stage, { mode: 0o700 });
    await step('Unpacking', () => runCommand('tar', ['-xzf', archive, '-C', stage], { timeoutMs: 10 * 60_000 }));
    const manifest = readManifest(stage);
    if (manifest.topology !== config.topology.name) {
      console.log(`Note: the backup was taken from the ${manifest.topology} topology; this stack is configured for ${config.topology.name}.`);
    }
    await step(`Putting back ${manifest.paths.length} secrets, keys and CA directories`, async () => {
      for (const path of manifest.paths) {
        const target = join(config.paths.data, path);
        rmSync(target, { recursive: true, force: true });
        mkdirSync(dirname(target), { recursive: true });
        cpSync(join(stage, 'files', path), target, { recursive: true, preserveTimestamps: true });
      }
    });
    if (manifest.postgres !== 'none') {
      await step('Putting back PostgreSQL (it replays its WAL to the backup point when it starts)', async () => {
        const pgdata = join(config.paths.data, PGDATA);
        rmSync(pgdata, { recursive: true, force: true });
        cpSync(join(stage, 'pgdata'), pgdata, { recursive: true });
        chmodSync(pgdata, 0o700);
        mkdirSync(join(config.paths.data, 'postgres', 'socket'), { recursive: true });
      });
    }
    markConsumerRewind(config, manifest.createdAt);
    console.log(`Restored the backup of ${manifest.createdAt}. Start the platform with: npm run stack -- up`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileArgument, backupPassphrase } from './backup-passphrase.ts';

describe('backup passphrase and file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passphrase-'));
  const file = join(dir, 'passphrase');
  writeFileSync(file, 'a passphrase from a file\n');

  it('reads the passphrase from a file (without its last newline) before the environment', () => {
    expect(backupPassphrase(['b.glb', '--passphrase-file', file], { GRIDLEDGER_BACKUP_PASSPHRASE: 'from the environment' })).toBe('a passphrase from a file');
    expect(backupPassphrase(['b.glb'], { GRIDLEDGER_BACKUP_PASSPHRASE: 'from the environment' })).toBe('from the environment');
  });

  it('refuses none, a short one and an unreadable file, with what to do', () => {
    expect(() => backupPassphrase(['b.glb'], {})).toThrow(/--passphrase-file <file> or GRIDLEDGER_BACKUP_PASSPHRASE/);
    expect(() => backupPassphrase(['b.glb'], { GRIDLEDGER_BACKUP_PASSPHRASE: 'short' })).toThrow(/at least 12 characters/);
    expect(() => backupPassphrase(['--passphrase-file', join(dir, 'missing')], {})).toThrow(/Could not read the passphrase file/);
    expect(() => backupPassphrase(['--passphrase-file'], {})).toThrow(/needs the path/);
  });

  it('finds the backup file among the flags, and asks for it when it is missing', () => {
    expect(backupFileArgument(['--passphrase-file', file, 'backups/today.glb'], 'backup')).toBe('backups/today.glb');
    expect(backupFileArgument(['--topology', 'ha', 'x.glb'], 'restore')).toBe('x.glb');
    expect(() => backupFileArgument(['--passphrase-file', file], 'restore')).toThrow(/Usage: npm run stack -- restore <file>/);
  });
});

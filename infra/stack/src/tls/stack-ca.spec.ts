import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand } from '../process/run-command.ts';
import { ensureCertificate } from './stack-ca.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freshConfig(): StackConfig {
  const data = mkdtempSync(join(tmpdir(), 'stack-ca-'));
  dirs.push(data);
  return { paths: { data } } as StackConfig;
}

describe('ensureCertificate', () => {
  it('issues one certificate, under one CA, when three nodes ask for it at once on a fresh stack', async () => {
    const config = freshConfig();
    const issued = await Promise.all([1, 2, 3].map(() => ensureCertificate(config, 'broker')));
    const keystores = issued.map((files) => readFileSync(files.keystore, 'utf8'));
    expect(new Set(keystores).size).toBe(1);
    // the certificate verifies against the CA that is on disk: not one issued by a CA another run overwrote
    const ca = join(config.paths.data, 'tls', 'ca.pem');
    await expect(runCommand('openssl', ['verify', '-CAfile', ca, issued[0]?.cert ?? ''], { timeoutMs: 30_000 })).resolves.toBeDefined();
  });

  it('keeps the files it issued when asked again', async () => {
    const config = freshConfig();
    const first = readFileSync((await ensureCertificate(config, 'web-entry')).keystore, 'utf8');
    expect(readFileSync((await ensureCertificate(config, 'web-entry')).keystore, 'utf8')).toBe(first);
  });
});

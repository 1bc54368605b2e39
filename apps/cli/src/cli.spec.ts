import { describe, expect, it } from 'vitest';
import { USAGE } from './args.ts';
import { runCli } from './cli.ts';
import { captureOutput } from './test-support/fake-gateway.ts';

async function run(argv: string[]) {
  const stdout = captureOutput();
  const stderr = captureOutput();
  const code = await runCli(argv, { stdout, stderr, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('runCli', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    for (const argv of [['--help'], ['decrypt', '--help']]) {
      expect(await run(argv)).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: '' });
    }
    expect(USAGE).toContain('keygen --out <dir>');
    expect(USAGE).toContain('decrypt --envelope <envelope.json> --key <private-key.pem> --out <file>');
  });

  it('bad arguments print the reason and the usage on stderr and exit 2', async () => {
    expect(await run([])).toEqual({ code: 2, stdout: '', stderr: `gridledger: no command given\n\n${USAGE}\n` });
    expect(await run(['decrypt', '--envelope', 'e.json'])).toEqual({ code: 2, stdout: '', stderr: `gridledger: --key is required\n\n${USAGE}\n` });
  });
});

import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { pidFilePath, readPidFile } from '@gridledger/stack-connection';
import { describe, expect, it } from 'vitest';
import { loadStackConfig, statusRows, type StatusRow } from '../src/index.ts';
import { STACK_CLI_ARGS } from '../src/runtime/stack-cli-args.ts';
import { processStartTime } from '../src/process/pid-file.ts';

const config = loadStackConfig();
const stack = (command: string) => spawnSync(join(config.paths.repo, 'node_modules', '.bin', 'node'), [...STACK_CLI_ARGS, command], { cwd: config.paths.repo, encoding: 'utf8' });
const row = async (name: string): Promise<StatusRow | undefined> => (await statusRows(config)).find((r) => r.component === name);

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return Date.now() - started;
}

function kill(name: string): number {
  const record = readPidFile(pidFilePath(config.paths, name));
  if (!record || processStartTime(record.pid) !== record.startTime) throw new Error(`${name} is not running`);
  process.kill(-record.pid, 'SIGKILL');
  return record.pid;
}

describe('stack supervision', () => {
  it('up leaves everything running under a supervisor, and status says so with exit code 0', async () => {
    expect(stack('up').status).toBe(0);
    expect(await row('supervisor')).toMatchObject({ healthy: true });
    expect(await row('audit')).toMatchObject({ healthy: true });
    expect(stack('status').status).toBe(0);
  });

  it('the supervisor restarts a component and a service killed with SIGKILL, by itself', async () => {
    for (const name of ['kubo', 'audit']) {
      const before = kill(name);
      const tookMs = await until(`${name} back`, async () => {
        const now = await row(name);
        return now?.healthy === true && now.pid !== String(before);
      }, 60_000);
      expect(await row(name), `${name} after ${tookMs} ms`).toMatchObject({ healthy: true, restarts: 1, crashLoop: false });
    }
    expect(stack('status').status).toBe(0);
  }, 150_000);

  it('a component that cannot come back is given up on after five tries, shown as CRASH-LOOP, until up is run', async () => {
    // the audit service's port taken by a stranger: every restart fails before it starts
    const before = kill('audit');
    // it hangs up on whoever connects: a probe left open would make close() wait for ever
    const squatter: Server = createServer((socket) => socket.destroy());
    // the killed process lets go of its port a moment after the signal
    await until('the audit port free for the squatter', () => new Promise<boolean>((resolve) => {
      squatter.once('error', () => resolve(false));
      squatter.listen(config.ports.audit, '127.0.0.1', () => resolve(true));
    }), 5_000);
    try {
      await until('the crash loop', async () => (await row('audit'))?.crashLoop === true, 90_000);
      expect(await row('audit')).toMatchObject({ pid: '-', healthy: false, restarts: 5, crashLoop: true });
      const status = stack('status');
      expect(status.status).toBe(1);
      expect(status.stdout).toMatch(/audit .*CRASH-LOOP\s+5/);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    expect(stack('up').status).toBe(0);
    const after = await row('audit');
    expect(after).toMatchObject({ healthy: true, restarts: 0, crashLoop: false });
    expect(after?.pid).not.toBe(String(before));
    expect(stack('status').status).toBe(0);
  }, 240_000);
});

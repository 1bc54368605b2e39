import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStackConfig, STACK_CLI, statusRows } from '../src/index.ts';
import { pidFilePath } from '../src/process/daemon.ts';
import { readPidFile, processStartTime } from '../src/process/pid-file.ts';

const config = loadStackConfig();
const stack = (command: string) =>
  spawnSync(join(config.paths.repo, 'node_modules', '.bin', 'node'), [...STACK_CLI, command], { cwd: config.paths.repo, encoding: 'utf8' });

describe('stack supervision', () => {
  it('restores a component killed with SIGKILL when up runs again', async () => {
    const before = readPidFile(pidFilePath(config.paths, 'kubo'));
    expect(before && processStartTime(before.pid)).toBe(before?.startTime);
    process.kill(-(before?.pid ?? 0), 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await statusRows(config)).find((r) => r.component === 'kubo')).toMatchObject({ pid: '-', healthy: false });
    expect(stack('status').status).toBe(1);

    const up = stack('up');
    expect(up.status).toBe(0);
    const after = (await statusRows(config)).find((r) => r.component === 'kubo');
    expect(after).toMatchObject({ healthy: true });
    expect(after?.pid).not.toBe(String(before?.pid));
    expect(stack('status').status).toBe(0);
  });
});

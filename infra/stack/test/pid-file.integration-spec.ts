import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPidFile } from '@gridledger/stack-connection';
import { describe, expect, it } from 'vitest';
import { liveProcess, processStartTime, writePidFile } from '../src/process/pid-file.ts';

describe('pid files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pid-file-'));

  it('recognises the process it recorded', () => {
    const file = join(dir, 'self.pid');
    const startTime = processStartTime(process.pid);
    expect(startTime).toMatch(/^\d+$/);
    writePidFile(file, { pid: process.pid, startTime: startTime ?? '', command: 'vitest' });
    expect(liveProcess(file)?.pid).toBe(process.pid);
  });

  it('does not claim a process whose pid was reused', () => {
    const file = join(dir, 'reused.pid');
    writePidFile(file, { pid: process.pid, startTime: '1', command: 'something that exited long ago' });
    expect(liveProcess(file)).toBeUndefined();
  });

  it('ignores a corrupt pid file', () => {
    const file = join(dir, 'corrupt.pid');
    writeFileSync(file, '{"pid":');
    expect(readPidFile(file)).toBeUndefined();
    expect(liveProcess(file)).toBeUndefined();
  });
});

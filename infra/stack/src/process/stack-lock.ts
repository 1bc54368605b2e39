import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StackPaths } from '@gridledger/stack-connection';
import { StackError } from '../terminal/stack-error.ts';
import { liveProcess, processStartTime } from './pid-file.ts';

/**
 * One mutating stack command at a time: two `up`s racing would start a component twice (and
 * Kubo, for one, refuses a second daemon on its repository). A later command waits; a lock
 * left by a process that died is taken over.
 */
export async function withStackLock<T>(paths: StackPaths, command: string, work: () => Promise<T>, waitMs = 15 * 60_000): Promise<T> {
  mkdirSync(paths.run, { recursive: true });
  const file = join(paths.run, 'stack.lock');
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) ?? 'unknown', command }));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = liveProcess(file);
      if (!holder) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new StackError(`Another stack command (${holder.command}, pid ${holder.pid}) has held the stack for too long; stop it or remove ${file}.`);
      if (!announced) console.log(`Waiting for another stack command (${holder.command}, pid ${holder.pid}) to finish …`);
      announced = true;
      await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(file, { force: true });
  }
}

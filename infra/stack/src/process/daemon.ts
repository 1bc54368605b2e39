import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { logFilePath, pidFilePath, type PidRecord, type StackPaths } from '@gridledger/stack-connection';
import { liveProcess, processStartTime, removePidFile, writePidFile } from './pid-file.ts';

export interface DaemonSpec {
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  meta?: Record<string, string>;
}


/**
 * Starts a component detached in its own process group, so it outlives this command and
 * `down` can stop it with everything it spawned; output is appended to its log file.
 */
export function startDaemon(paths: StackPaths, spec: DaemonSpec): PidRecord {
  mkdirSync(join(paths.run, 'pids'), { recursive: true });
  mkdirSync(paths.logs, { recursive: true });
  const log = openSync(logFilePath(paths, spec.name), 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
      ...(spec.uid !== undefined ? { uid: spec.uid, gid: spec.gid } : {}),
    });
    child.unref();
    const pid = child.pid;
    if (pid === undefined) throw new Error(`${spec.command} could not be started`);
    const record: PidRecord = {
      pid,
      startTime: processStartTime(pid) ?? 'unknown',
      command: [spec.command, ...spec.args].join(' '),
      ...(spec.meta ? { meta: spec.meta } : {}),
    };
    writePidFile(pidFilePath(paths, spec.name), record);
    return record;
  } finally {
    closeSync(log);
  }
}

export function runningDaemon(paths: StackPaths, name: string): PidRecord | undefined {
  return liveProcess(pidFilePath(paths, name));
}

/** Stops exactly the process group we started (SIGTERM, then SIGKILL after a grace period). */
export async function stopDaemon(paths: StackPaths, name: string, graceMs = 15_000): Promise<boolean> {
  const file = pidFilePath(paths, name);
  const record = liveProcess(file);
  if (!record) {
    removePidFile(file);
    return false;
  }
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-record.pid, sig);
    } catch {
      try {
        process.kill(record.pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && processStartTime(record.pid) === record.startTime) await sleep(100);
  if (processStartTime(record.pid) === record.startTime) {
    signal('SIGKILL');
    await sleep(200);
  }
  removePidFile(file);
  return true;
}

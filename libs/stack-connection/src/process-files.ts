import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackPaths } from './connection-config.ts';

/** Where the stack records each process it started (`kafka`, `peer-grid`, `ledger-2` …) and where its output goes. */
export const pidFilePath = (paths: StackPaths, name: string): string => join(paths.run, 'pids', `${name}.pid`);
export const logFilePath = (paths: StackPaths, name: string): string => join(paths.logs, `${name}.log`);

/**
 * What we know about a process we started. The start time (from /proc) guards against
 * pid reuse: a pid file never makes us signal somebody else's process.
 */
export interface PidRecord {
  pid: number;
  startTime: string;
  command: string;
  /** component-specific facts, e.g. the chaincode package id a server was started with */
  meta?: Record<string, string>;
}

export function readPidFile(path: string): PidRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as Partial<PidRecord>;
    if (typeof record.pid !== 'number' || typeof record.startTime !== 'string') return undefined;
    return record as PidRecord;
  } catch {
    return undefined;
  }
}

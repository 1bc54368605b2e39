import { readFileSync, rmSync, writeFileSync } from 'node:fs';

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

/** The start time (field 22) of a live process from its /proc/<pid>/stat line; undefined for a zombie. */
export function parseStatStartTime(stat: string): string | undefined {
  // the command name (field 2) may contain spaces and parentheses; fields after it are plain
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = afterName[0];
  if (state === 'Z' || state === 'X') return undefined;
  return afterName[19];
}

export function processStartTime(pid: number): string | undefined {
  try {
    return parseStatStartTime(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
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

export function writePidFile(path: string, record: PidRecord): void {
  writeFileSync(path, JSON.stringify(record, null, 2));
}

export function removePidFile(path: string): void {
  rmSync(path, { force: true });
}

/** The record, if the process it names is still the one we started. */
export function liveProcess(path: string): PidRecord | undefined {
  const record = readPidFile(path);
  if (!record) return undefined;
  return processStartTime(record.pid) === record.startTime ? record : undefined;
}

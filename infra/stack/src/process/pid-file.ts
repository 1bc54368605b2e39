import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type PidRecord, readPidFile } from '@gridledger/stack-connection';


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

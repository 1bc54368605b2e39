import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackPaths } from '@gridledger/stack-connection';

export interface SupervisedComponent {
  /** when the supervisor restarted it, within the restart window */
  restarts: number[];
  /** the supervisor gave up on it; `up` (or `start`) clears this */
  crashLoop: boolean;
  lastError?: string;
}

export type SupervisorState = Record<string, SupervisedComponent>;

const stateFile = (paths: StackPaths): string => join(paths.run, 'supervisor.json');

/** What the supervisor did, for `status`; a missing or torn file is an empty state. */
export function readSupervisorState(paths: StackPaths): SupervisorState {
  try {
    return JSON.parse(readFileSync(stateFile(paths), 'utf8')) as SupervisorState;
  } catch {
    return {};
  }
}

export function writeSupervisorState(paths: StackPaths, state: SupervisorState): void {
  mkdirSync(paths.run, { recursive: true });
  const file = stateFile(paths);
  // written whole and renamed, so `status` never reads half a file
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${file}.tmp`, file);
}

/** A person ran `up`: every component gets a fresh restart budget. */
export const clearSupervisorState = (paths: StackPaths): void => writeSupervisorState(paths, {});

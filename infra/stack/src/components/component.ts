import type { DaemonSpec } from '../process/daemon.ts';

/** One long-running process of the stack, as `up`, `down` and `status` see it. */
export interface Component {
  name: string;
  version: string;
  /** where clients reach it, for the status table */
  address: string;
  /** every port it binds, checked before it starts */
  ports: number[];
  /** creates its data directory and configuration on first use; must be idempotent */
  prepare(): Promise<void>;
  daemon(): DaemonSpec;
  healthy(): Promise<boolean>;
  /** how long a cold start may take before `up` gives up on it */
  startTimeoutMs: number;
  /**
   * What it cannot start without, as groups of component names: one healthy member of each
   * group is enough. The supervisor does not restart it before they answer.
   */
  needs?: readonly (readonly string[])[];
  /**
   * Before a start: waits (a bounded time) until what a dead predecessor left behind no longer
   * stops a new process, e.g. a lock file naming a process not yet reaped.
   */
  clearRemains?(): Promise<void>;
}

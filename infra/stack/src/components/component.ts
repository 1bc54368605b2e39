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
}

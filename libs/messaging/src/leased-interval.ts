import { SingletonLease, type SingletonLeaseOptions } from './singleton-lease.ts';

export interface LeasedIntervalOptions extends SingletonLeaseOptions {
  intervalMs: number;
  /** one round of the job; rounds never overlap */
  round: () => Promise<unknown>;
  onError: (error: Error) => void;
}

/**
 * A scheduled job that runs in one replica at a time: every `intervalMs` while this replica holds
 * the job's lease. Losing the lease stops the schedule after the round in progress. Stop it with
 * the returned lease's `stop()`.
 */
export function leasedInterval(options: LeasedIntervalOptions): SingletonLease {
  const { intervalMs, round, onError, ...leaseOptions } = options;
  const lease = new SingletonLease(leaseOptions);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= round()
      .catch((error: Error) => onError(error))
      .finally(() => (running = undefined));
  };
  lease.run({
    start: () => {
      timer = setInterval(tick, intervalMs);
    },
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  });
  return lease;
}

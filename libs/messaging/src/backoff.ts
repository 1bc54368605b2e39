export interface BackoffOptions {
  /** delay before the first retry */
  initialMs: number;
  /** no delay grows beyond this, so a long outage is polled at a steady pace */
  maxMs: number;
  /** growth per attempt */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 10_000, factor: 2 };

/**
 * Delay before retry number `attempt` (1 = the first retry): exponential, capped. No jitter:
 * one relay and one consumer per partition compete for nothing, and a fixed schedule is testable.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  return Math.min(options.maxMs, options.initialMs * options.factor ** (attempt - 1));
}

/** Sleeps, but wakes at once when `signal` aborts, so `stop()` never waits out a long backoff. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

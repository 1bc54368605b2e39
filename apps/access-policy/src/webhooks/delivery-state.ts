import { nextRetryDelayMs, type RetryPolicy } from './delivery-backoff.ts';
import { succeeded, type AttemptResult } from './webhook-sender.ts';

/**
 * A delivery's state machine: pending → delivered on a 2xx; pending → pending (later) on any other
 * answer, a timeout or a connection error while attempts remain; pending → dead after the last one.
 */
export function nextState(policy: RetryPolicy, attemptsBefore: number, result: AttemptResult): { outcome: 'delivered' | 'dead' } | { outcome: 'retry'; delayMs: number } {
  if (succeeded(result)) return { outcome: 'delivered' };
  const delayMs = nextRetryDelayMs(policy, attemptsBefore + 1);
  return delayMs === null ? { outcome: 'dead' } : { outcome: 'retry', delayMs };
}

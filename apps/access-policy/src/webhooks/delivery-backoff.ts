/** How deliveries are retried: doubling waits from `baseMs`, capped, for at most `maxAttempts` attempts in all. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

/**
 * The wait after failed attempt number `attempt` (1 is the first try), or null when that was the
 * last one and the delivery is dead-lettered.
 */
export function nextRetryDelayMs(policy: RetryPolicy, attempt: number): number | null {
  if (attempt >= policy.maxAttempts) return null;
  return Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
}

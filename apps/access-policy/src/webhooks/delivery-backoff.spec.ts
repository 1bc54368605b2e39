import { describe, expect, it } from 'vitest';
import { nextRetryDelayMs } from './delivery-backoff.ts';

describe('nextRetryDelayMs', () => {
  const policy = { maxAttempts: 6, baseMs: 1_000, capMs: 10_000 };

  it('doubles the wait after each failed attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => nextRetryDelayMs(policy, attempt))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000]);
  });

  it('dead-letters after the last attempt', () => {
    expect(nextRetryDelayMs(policy, 6)).toBeNull();
    expect(nextRetryDelayMs({ ...policy, maxAttempts: 1 }, 1)).toBeNull();
  });
});

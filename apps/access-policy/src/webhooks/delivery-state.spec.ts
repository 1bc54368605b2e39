import { describe, expect, it } from 'vitest';
import { nextState } from './delivery-state.ts';

const policy = { maxAttempts: 3, baseMs: 100, capMs: 1_000 };
const answered = (statusCode: number) => ({ statusCode, error: null, durationMs: 5 });
const failed = (error: string) => ({ statusCode: null, error, durationMs: 5 });

describe('nextState', () => {
  it('is delivered on any 2xx', () => {
    expect(nextState(policy, 0, answered(200))).toEqual({ outcome: 'delivered' });
    expect(nextState(policy, 2, answered(204))).toEqual({ outcome: 'delivered' });
  });

  it('retries a non-2xx (a redirect included), a timeout or a connection error with growing waits', () => {
    expect(nextState(policy, 0, answered(500))).toEqual({ outcome: 'retry', delayMs: 100 });
    expect(nextState(policy, 1, answered(302))).toEqual({ outcome: 'retry', delayMs: 200 });
    expect(nextState(policy, 0, failed('timed out after 10000 ms'))).toEqual({ outcome: 'retry', delayMs: 100 });
    expect(nextState(policy, 1, failed('ECONNREFUSED'))).toEqual({ outcome: 'retry', delayMs: 200 });
  });

  it('dead-letters after the last attempt fails', () => {
    expect(nextState(policy, 2, answered(500))).toEqual({ outcome: 'dead' });
    expect(nextState(policy, 2, failed('refused: the URL points to 10.0.0.1 is in a private, link-local or reserved range'))).toEqual({ outcome: 'dead' });
  });
});

import { describe, expect, it } from 'vitest';
import { isCoordinatorSettling, whenCoordinatorReady } from './coordinator-ready.ts';

const loading = () => Object.assign(new Error("The coordinator is loading and hence can't process requests for this group"), { type: 'COORDINATOR_LOAD_IN_PROGRESS' });

describe('whenCoordinatorReady', () => {
  it('waits out a coordinator that is still loading, then answers', async () => {
    let calls = 0;
    const answer = await whenCoordinatorReady(async () => {
      calls += 1;
      if (calls < 3) throw loading();
      return 'offsets';
    }, { firstWaitMs: 1 });
    expect([answer, calls]).toEqual(['offsets', 3]);
  });

  it('fails at once on anything else, and after the deadline on a coordinator that never settles', async () => {
    let calls = 0;
    await expect(whenCoordinatorReady(async () => {
      calls += 1;
      throw new Error('TOPIC_AUTHORIZATION_FAILED');
    })).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(calls).toBe(1);
    await expect(whenCoordinatorReady(async () => { throw loading(); }, { deadlineMs: 20, firstWaitMs: 5 })).rejects.toThrow(/coordinator is loading/);
  });

  it('knows the error by its type, by its words, or through a retrier that wrapped it', () => {
    expect(isCoordinatorSettling(loading())).toBe(true);
    expect(isCoordinatorSettling(Object.assign(new Error('retries exceeded'), { originalError: loading() }))).toBe(true);
    expect(isCoordinatorSettling(new Error('connection refused'))).toBe(false);
    expect(isCoordinatorSettling('not an error')).toBe(false);
  });
});

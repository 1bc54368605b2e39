import { describe, expect, it } from 'vitest';
import { decideRestart, recentRestarts, type RestartPolicy } from './restart-policy.ts';

const policy: RestartPolicy = { windowMs: 600_000, maxRestarts: 5, initialBackoffMs: 1_000, maxBackoffMs: 30_000 };

describe('decideRestart', () => {
  it('restarts a first death at once', () => {
    expect(decideRestart([], 1_000_000, policy)).toEqual({ action: 'restart' });
  });

  it('backs off exponentially between restarts in the window', () => {
    const now = 1_000_000;
    expect(decideRestart([now - 500], now, policy)).toEqual({ action: 'wait', untilMs: now + 500 });
    expect(decideRestart([now - 1_000], now, policy)).toEqual({ action: 'restart' });
    expect(decideRestart([now - 10_000, now - 1_000], now, policy)).toEqual({ action: 'wait', untilMs: now + 1_000 });
    expect(decideRestart([now - 40_000, now - 30_000, now - 20_000, now - 5_000], now, policy)).toEqual({ action: 'wait', untilMs: now + 3_000 });
  });

  it('caps the wait', () => {
    const long: RestartPolicy = { ...policy, maxRestarts: 20 };
    const now = 10_000_000;
    const many = Array.from({ length: 10 }, (_, i) => now - 500_000 + i * 1_000);
    expect(decideRestart(many, now, long)).toEqual({ action: 'restart' });
    expect(decideRestart([...many, now - 10_000], now, long)).toEqual({ action: 'wait', untilMs: now + 20_000 });
  });

  it('gives up on a crash loop, and forgets restarts older than the window', () => {
    const now = 5_000_000;
    const five = [1, 2, 3, 4, 5].map((i) => now - i * 60_000);
    expect(decideRestart(five, now, policy)).toEqual({ action: 'give-up', restarts: 5 });
    expect(decideRestart(five.map((at) => at - 600_000), now, policy)).toEqual({ action: 'restart' });
    expect(recentRestarts([now - 700_000, now - 100], now, policy)).toEqual([now - 100]);
  });
});

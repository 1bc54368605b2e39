import { describe, expect, it } from 'vitest';
import { InFlightLimit, TooManyRequestsError, WindowLimit } from './request-limits.ts';

describe('InFlightLimit', () => {
  it('refuses the one over the limit for that key only, and frees a place when work ends', async () => {
    const limit = new InFlightLimit(2, 'uploads');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = limit.run('ann', () => held);
    const second = limit.run('ann', () => held);
    await expect(limit.run('ann', async () => 'x')).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(limit.run('bob', async () => 'bob may')).resolves.toBe('bob may');
    release();
    await Promise.all([first, second]);
    await expect(limit.run('ann', async () => 'again')).resolves.toBe('again');
  });

  it('frees the place when the work fails', async () => {
    const limit = new InFlightLimit(1, 'uploads');
    await expect(limit.run('ann', async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    await expect(limit.run('ann', async () => 'ok')).resolves.toBe('ok');
  });
});

describe('WindowLimit', () => {
  it('allows the limit in a window and says how long to wait', () => {
    let now = 0;
    const limit = new WindowLimit(2, 60_000, 'key releases', () => now);
    limit.take('grant-1');
    now = 10_000;
    limit.take('grant-1');
    const refused = (() => {
      try {
        limit.take('grant-1');
      } catch (error) {
        return error as TooManyRequestsError;
      }
      return undefined;
    })();
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429, retryAfterSeconds: 50 });
    limit.take('grant-2');
    now = 60_001;
    expect(() => limit.take('grant-1')).not.toThrow();
  });
});

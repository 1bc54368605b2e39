import { describe, expect, it, vi } from 'vitest';
import { SessionStore } from './session-store.ts';

const memoryStorage = () => {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
};
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('SessionStore', () => {
  it('keeps the access token in memory and the refresh token in storage', async () => {
    const storage = memoryStorage();
    const store = new SessionStore(vi.fn(async () => json(200, { accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 })), storage);
    await store.signIn('u', 'p');
    expect(store.token).toBe('a1');
    expect(storage.getItem('gridledger.refreshToken')).toBe('r1');
  });

  it('renews once for many concurrent callers', async () => {
    const storage = memoryStorage();
    storage.setItem('gridledger.refreshToken', 'r0');
    const fetcher = vi.fn(async () => json(200, { accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 }));
    const store = new SessionStore(fetcher, storage);
    await expect(Promise.all([store.renew(), store.renew(), store.renew()])).resolves.toEqual([true, true, true]);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(store.token).toBe('a2');
  });

  it('signs out when the refresh token is refused, and tells its listeners', async () => {
    const storage = memoryStorage();
    const store = new SessionStore(vi.fn(async () => json(200, { accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 })), storage);
    await store.signIn('u', 'p');
    const refused = new SessionStore(vi.fn(async () => json(401, { code: 'INVALID_REFRESH_TOKEN', message: 'spent' })), storage);
    const listener = vi.fn();
    refused.onChange(listener);
    await expect(refused.renew()).resolves.toBe(false);
    expect(storage.getItem('gridledger.refreshToken')).toBeNull();
  });

  it('passes the service sentence of a failed sign-in on', async () => {
    const store = new SessionStore(vi.fn(async () => json(401, { code: 'INVALID_CREDENTIALS', message: 'the username or password is wrong' })), memoryStorage());
    await expect(store.signIn('u', 'bad')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
  });
});

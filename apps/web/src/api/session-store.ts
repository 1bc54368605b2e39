import { ApiError } from './api-error.ts';
import type { TokenPair } from './types.ts';

const REFRESH_KEY = 'gridledger.refreshToken';

type Listener = (signedIn: boolean) => void;

/**
 * The session's tokens. The access token lives in memory only; the refresh token in this tab's
 * sessionStorage, so a reload keeps you signed in and closing the tab ends it. The access token is
 * renewed before it expires, and at most one renewal is in flight however many calls need it.
 */
export class SessionStore {
  private accessToken: string | null = null;
  private renewing: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = sessionStorage,
  ) {}

  get token(): string | null {
    return this.accessToken;
  }

  get canResume(): boolean {
    return this.storage.getItem(REFRESH_KEY) !== null;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(username: string, password: string): Promise<void> {
    const response = await this.fetcher('/api/identity/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!response.ok) throw await ApiError.from(response);
    this.accept((await response.json()) as TokenPair);
  }

  /** A pair the server handed out otherwise: after a password change every other session is closed and this one continues on it. */
  adopt(pair: TokenPair): void {
    this.accept(pair);
  }

  /** Exchanges the refresh token for a new pair; false (and signed out) when it is spent or revoked. */
  renew(): Promise<boolean> {
    this.renewing ??= this.exchange().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  async signOut(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    this.clear();
    // revoking is a courtesy to the server: the local session is gone whatever it answers
    if (refreshToken) await this.fetcher('/api/identity/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) }).catch(() => undefined);
  }

  private async exchange(): Promise<boolean> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    if (!refreshToken) return false;
    try {
      const response = await this.fetcher('/api/identity/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
      if (response.status >= 400 && response.status < 500) {
        this.clear();
        return false;
      }
      if (!response.ok) return false;
      this.accept((await response.json()) as TokenPair);
      return true;
    } catch {
      // offline: keep the refresh token for the next try
      return false;
    }
  }

  private accept(pair: TokenPair): void {
    const wasSignedIn = this.accessToken !== null;
    this.accessToken = pair.accessToken;
    this.storage.setItem(REFRESH_KEY, pair.refreshToken);
    if (this.timer) clearTimeout(this.timer);
    // renew at 80 % of the lifetime, so a call rarely meets an expired token
    this.timer = setTimeout(() => void this.renew(), Math.max(5, pair.expiresIn * 0.8) * 1000);
    if (!wasSignedIn) this.listeners.forEach((l) => l(true));
  }

  private clear(): void {
    const wasSignedIn = this.accessToken !== null;
    this.accessToken = null;
    this.storage.removeItem(REFRESH_KEY);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (wasSignedIn) this.listeners.forEach((l) => l(false));
  }
}

export const session = new SessionStore();

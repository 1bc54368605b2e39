import { StorageError } from '../common/storage-error.ts';

/** A refusal for being over a limit: 429 with the seconds to wait, which the controller puts in Retry-After. */
export class TooManyRequestsError extends StorageError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', message, 429);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * At most `limit` at once per key (uploads in flight per user): one user's many parallel uploads
 * cannot take all of the service's streams. Held in this process; each replica counts its own.
 */
export class InFlightLimit {
  private readonly held = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly what: string,
  ) {}

  /** Runs `work` holding one of the key's places; over the limit, refuses before any work. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const now = this.held.get(key) ?? 0;
    if (now >= this.limit) throw new TooManyRequestsError(`at most ${this.limit} ${this.what} at a time; wait for one to finish`, 5);
    this.held.set(key, now + 1);
    try {
      return await work();
    } finally {
      const left = (this.held.get(key) ?? 1) - 1;
      if (left > 0) this.held.set(key, left);
      else this.held.delete(key);
    }
  }
}

/** At most `limit` per key in any `windowMs` (key releases per grant per minute), sliding. */
export class WindowLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): void {
    const at = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > at - this.windowMs);
    if (recent.length >= this.limit) {
      const oldest = recent[0] ?? at;
      throw new TooManyRequestsError(`at most ${this.limit} ${this.what} a minute; try again shortly`, Math.max(1, Math.ceil((oldest + this.windowMs - at) / 1000)));
    }
    recent.push(at);
    this.hits.set(key, recent);
  }
}

/** This service's limits, from its configuration, shared by the controllers that apply them. */
export class StorageLimits {
  readonly uploads: InFlightLimit;
  readonly keyReleases: WindowLimit;

  constructor(uploadsInFlightPerUser: number, keyReleasesPerGrantPerMinute: number) {
    this.uploads = new InFlightLimit(uploadsInFlightPerUser, 'uploads');
    this.keyReleases = new WindowLimit(keyReleasesPerGrantPerMinute, 60_000, 'key releases of one asset');
  }
}

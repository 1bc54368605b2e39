import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { StorageDatabase } from '../database/storage-database.ts';
import { KuboStore } from './kubo-store.ts';

/** How often the ciphertexts Kubo could not be told to unpin are tried again. */
const SWEEP_INTERVAL_MS = 2_000;

/**
 * Ciphertexts this service pinned (or may have: the answer was cut off) for an upload or a
 * rotation that did not go through. Each is unpinned at once when Kubo answers; when it does not,
 * the CID is written down (`pin_releases`) and swept until Kubo is back, so no pin is left that
 * the chain never heard of. Unpinning is idempotent, so every replica may sweep. The table is
 * read only while there may be something in it: at start (rows a crashed process left) and after
 * this process wrote one, until a sweep finds it empty.
 */
@Injectable()
export class PinReleases implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PinReleases');
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;
  private pending = true;

  constructor(
    private readonly database: StorageDatabase,
    private readonly kubo: KuboStore,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Unpins `cid` now, or writes it down to be unpinned when Kubo is back. Never throws: the caller is already failing. */
  async release(cid: string, reason: string): Promise<void> {
    try {
      await this.kubo.unpin(cid);
      return;
    } catch (error) {
      this.logger.warn(`could not unpin ${cid} now (${(error as Error).message}); it is swept until IPFS answers`);
    }
    this.pending = true;
    await this.database.pool
      .query('insert into pin_releases (cid, reason) values ($1, $2) on conflict (cid) do nothing', [cid, reason])
      .catch((error: unknown) => this.logger.error(`could not write down ${cid} to unpin: ${(error as Error).message}`));
  }

  /** One pass over what is written down; what Kubo still refuses stays for the next. */
  async sweep(): Promise<number> {
    if (this.sweeping || !this.pending) return 0;
    this.sweeping = true;
    let released = 0;
    // cleared before reading, so a release written meanwhile sets it again and is not missed
    this.pending = false;
    try {
      const { rows } = await this.database.pool.query<{ cid: string }>('select cid from pin_releases order by since limit 100');
      if (rows.length > 0) this.pending = true;
      for (const { cid } of rows) {
        try {
          await this.kubo.unpin(cid);
        } catch {
          // still away: the rest would fail the same way
          break;
        }
        await this.database.pool.query('delete from pin_releases where cid = $1', [cid]);
        released += 1;
      }
      if (released > 0) this.logger.log(`unpinned ${released} ciphertext(s) of uploads or rotations that did not go through`);
    } catch (error) {
      this.pending = true;
      this.logger.warn(`pin releases not swept: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
    return released;
  }
}

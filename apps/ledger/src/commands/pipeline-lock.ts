import pg from 'pg';

/** Arbitrary, fixed: the advisory lock that says which ledger process drives the command pipeline. */
const PIPELINE_LOCK_ID = 0x6c656467;

/**
 * One driver of the command pipeline among the service's replicas: two processes driving the
 * same command could each endorse and submit a transaction for it. The holder keeps a session
 * advisory lock on a connection of its own (idle, no transaction open); if that connection is
 * lost the lock may pass to another replica, so the process stops driving at once (onLost)
 * rather than risk a second driver. Every step is in the database, so stopping loses nothing.
 */
export class PipelineLock {
  private client: pg.Client | undefined;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly onLost: (reason: string) => void,
  ) {}

  /** Resolves once this process holds the lock; retries every `pollMs` while another one does. */
  async acquire(pollMs = 2_000): Promise<void> {
    while (!this.stopped) {
      const client = new pg.Client({ connectionString: this.connectionString });
      try {
        await client.connect();
        const { rows } = await client.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [PIPELINE_LOCK_ID]);
        if (rows[0]?.held) {
          client.on('error', (error) => this.lost(error.message));
          client.on('end', () => this.lost('its connection ended'));
          this.client = client;
          return;
        }
        await client.end();
      } catch {
        await client.end().catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  async release(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private lost(reason: string): void {
    if (this.stopped || !this.client) return;
    this.client = undefined;
    this.onLost(reason);
  }
}

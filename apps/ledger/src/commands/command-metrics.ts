/** Counters of the command side, exposed on /metrics. */
export class CommandMetrics {
  committed = 0;
  failed = 0;
  /** answered from the record: the command id had been answered before */
  answeredFromRecord = 0;
  /** commands whose earlier attempt had endorsed a transaction, settled by lookup or resubmission */
  resumed = 0;
  /** fresh endorsements after a read conflict */
  conflictRetries = 0;
  /** attempts made again after something was out of reach (peer, orderer, identity service) */
  transientRetries = 0;
  /** submit-to-answer time of the last commands, for a median on the ops dashboard */
  private readonly latencies: number[] = [];

  observe(ms: number): void {
    this.latencies.push(ms);
    if (this.latencies.length > 1000) this.latencies.shift();
  }

  medianLatencyMs(): number | null {
    if (this.latencies.length === 0) return null;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? null;
  }
}

/**
 * Per-second rates from monotonically growing counters, between two samples. A counter that
 * went down (its service restarted) restarts the rate at zero instead of showing a negative. A
 * previous sample older than `maxGapMs` (nobody watched for a while) gives no rate: an average over
 * that gap would be drawn as if it were now.
 */
export class CounterRates {
  private previous: { at: number; values: Record<string, number | null> } | null = null;

  constructor(private readonly maxGapMs = Number.POSITIVE_INFINITY) {}

  next(at: number, values: Record<string, number | null>): Record<string, number | null> {
    const rates: Record<string, number | null> = {};
    const before = this.previous && at - this.previous.at <= this.maxGapMs ? this.previous : null;
    for (const [name, value] of Object.entries(values)) {
      const old = before?.values[name];
      if (!before || value === null || old === null || old === undefined || at <= before.at) rates[name] = before ? null : 0;
      else rates[name] = value < old ? 0 : ((value - old) * 1000) / (at - before.at);
    }
    this.previous = { at, values };
    return rates;
  }
}

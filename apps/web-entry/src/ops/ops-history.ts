/** A minute of the platform's rates: each the mean of the readings taken in it that had a figure. */
export interface OpsMinute {
  at: string;
  txPerSecond: number | null;
  eventsPerSecond: number | null;
  uploadBytesPerSecond: number | null;
  downloadBytesPerSecond: number | null;
}

type Figures = Omit<OpsMinute, 'at'>;
const FIGURES = ['txPerSecond', 'eventsPerSecond', 'uploadBytesPerSecond', 'downloadBytesPerSecond'] as const satisfies readonly (keyof Figures)[];
const MINUTE_MS = 60_000;

/**
 * The last 24 hours of rates, one point a minute, kept by the entry so that the ops screen shows
 * what happened before it was opened: a burst of transactions that ended a minute ago is still
 * there. In memory: an entry that restarts starts a new day, and each replica keeps its own.
 */
export class OpsHistory {
  private readonly minutes: { start: number; sums: Record<keyof Figures, number>; counts: Record<keyof Figures, number> }[] = [];

  constructor(private readonly keepMinutes = 24 * 60) {}

  record(at: number, figures: Figures): void {
    const start = Math.floor(at / MINUTE_MS) * MINUTE_MS;
    let minute = this.minutes.at(-1);
    if (!minute || minute.start !== start) {
      if (minute && start < minute.start) return; // a reading from the past (clock stepped back)
      minute = { start, sums: zero(), counts: zero() };
      this.minutes.push(minute);
      while (this.minutes.length > 0 && (this.minutes[0]?.start ?? start) <= start - this.keepMinutes * MINUTE_MS) this.minutes.shift();
    }
    for (const name of FIGURES) {
      const value = figures[name];
      if (value === null || !Number.isFinite(value)) continue;
      minute.sums[name] += value;
      minute.counts[name] += 1;
    }
  }

  /** Oldest first. */
  points(): OpsMinute[] {
    return this.minutes.map(({ start, sums, counts }) => ({
      at: new Date(start).toISOString(),
      ...(Object.fromEntries(FIGURES.map((name) => [name, counts[name] > 0 ? sums[name] / counts[name] : null])) as Figures),
    }));
  }
}

function zero(): Record<keyof Figures, number> {
  return { txPerSecond: 0, eventsPerSecond: 0, uploadBytesPerSecond: 0, downloadBytesPerSecond: 0 };
}

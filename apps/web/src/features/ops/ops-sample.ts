/** One reading of the platform from the entry's /api/ops/stream (apps/web-entry/src/ops/ops-sample.ts). */
export interface OpsSample {
  at: string;
  services: { name: string; status: 'up' | 'down'; latencyMs: number | null; detail: string | null }[];
  components: { name: string; address: string; status: 'up' | 'down' }[];
  chain: { height: number | null; blocksPerSecond: number | null; txPerSecond: number | null; failedTxPerSecond: number | null; relayCheckpoint: number | null };
  kafka: {
    /** records waiting in Kafka over every consumer group whose lag is known */
    consumerLag: number | null;
    consumerGroups: { service: string; group: string; lag: number | null }[];
    outboxUnpublished: number | null;
    eventsPerSecond: number | null;
    deadLettered: number | null;
  };
  throughput: { uploadBytesPerSecond: number | null; downloadBytesPerSecond: number | null; uploadsActive: number; downloadsActive: number };
  errors: { at: string; source: string; message: string }[];
}

/** A point of the charts: the time axis label and every plotted figure. */
export interface ChartPoint {
  time: string;
  height: number | null;
  txPerSecond: number | null;
  eventsPerSecond: number | null;
  lag: number | null;
  uploadMiBps: number | null;
  downloadMiBps: number | null;
}

export const HISTORY = 90;

const mib = (bytes: number | null) => (bytes === null ? null : bytes / 1024 / 1024);

/** Appends a reading to the charts' window, dropping the oldest beyond HISTORY points. */
export function appendPoint(points: readonly ChartPoint[], sample: OpsSample): ChartPoint[] {
  const point: ChartPoint = {
    time: sample.at.slice(11, 19),
    height: sample.chain.height,
    txPerSecond: sample.chain.txPerSecond,
    eventsPerSecond: sample.kafka.eventsPerSecond,
    lag: sample.kafka.consumerLag,
    uploadMiBps: mib(sample.throughput.uploadBytesPerSecond),
    downloadMiBps: mib(sample.throughput.downloadBytesPerSecond),
  };
  return [...points, point].slice(-HISTORY);
}

/** A minute of the entry's 24-hour history (apps/web-entry/src/ops/ops-history.ts). */
export interface OpsMinute {
  at: string;
  txPerSecond: number | null;
  eventsPerSecond: number | null;
  uploadBytesPerSecond: number | null;
  downloadBytesPerSecond: number | null;
}

/** The history as chart points, labelled by the minute. */
export function historyPoints(minutes: readonly OpsMinute[]): ChartPoint[] {
  return minutes.map((m) => ({
    time: m.at.slice(11, 16),
    height: null,
    txPerSecond: m.txPerSecond,
    eventsPerSecond: m.eventsPerSecond,
    lag: null,
    uploadMiBps: mib(m.uploadBytesPerSecond),
    downloadMiBps: mib(m.downloadBytesPerSecond),
  }));
}

/** The highest rate of a figure over the history, or null when it has none. */
export function peak(minutes: readonly OpsMinute[], figure: 'txPerSecond' | 'eventsPerSecond'): number | null {
  const values = minutes.map((m) => m[figure]).filter((v): v is number => v !== null);
  return values.length === 0 ? null : Math.max(...values);
}

import type { RecentError } from './recent-errors.ts';

/** One reading of the platform, as the ops dashboard draws it; rates are per second since the previous reading. */
export interface OpsSample {
  at: string;
  services: { name: string; status: 'up' | 'down'; latencyMs: number | null; detail: string | null }[];
  components: { name: string; address: string; status: 'up' | 'down' }[];
  chain: { height: number | null; blocksPerSecond: number | null; txPerSecond: number | null; failedTxPerSecond: number | null; relayCheckpoint: number | null };
  kafka: {
    /** records waiting in Kafka over every consumer group whose lag is known */
    consumerLag: number | null;
    /** each service's consumer groups, from the services' /metrics; null when Kafka could not be asked */
    consumerGroups: { service: string; group: string; lag: number | null }[];
    outboxUnpublished: number | null;
    eventsPerSecond: number | null;
    deadLettered: number | null;
  };
  throughput: { uploadBytesPerSecond: number | null; downloadBytesPerSecond: number | null; uploadsActive: number; downloadsActive: number };
  errors: RecentError[];
}

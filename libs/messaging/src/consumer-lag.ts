import type { Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** the group's committed offset, or null when it has committed nothing on this partition */
  committed: string | null;
  /** the partition's high watermark (offset of the next record to be written) */
  high: string;
  lag: number;
}

export interface ConsumerLag {
  groupId: string;
  total: number;
  partitions: PartitionLag[];
}

/**
 * How far a consumer group is behind: high watermark minus committed offset per partition. A
 * partition the group never committed on counts from the low watermark, because the library's
 * consumers start from the beginning.
 */
export async function consumerGroupLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<ConsumerLag> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const partitions: PartitionLag[] = [];
  for (const topic of topics) {
    const watermarks = await admin.fetchTopicOffsets(topic);
    const groupOffsets = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const { partition, high, low } of watermarks) {
      const offset = groupOffsets.find((p) => p.partition === partition)?.offset;
      const hasCommitted = offset !== undefined && Number(offset) >= 0;
      const from = hasCommitted ? BigInt(offset) : BigInt(low);
      const lag = BigInt(high) - from;
      partitions.push({ topic, partition, committed: hasCommitted ? offset : null, high, lag: Number(lag > 0n ? lag : 0n) });
    }
  }
  return { groupId, total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
}

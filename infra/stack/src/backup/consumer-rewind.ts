import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import { stackKafka } from '../kafka/stack-kafka.ts';
import { whenCoordinatorReady } from './coordinator-ready.ts';

/**
 * The services' event consumers keep their place in Kafka, but what they did with each event is in
 * their databases. After a restore those databases are back at the backup, while Kafka is not, so
 * every event consumed since would be missing from them. Their consumer groups are therefore
 * rewound to a minute before the backup: they dedupe by event id, so reading again is safe.
 *
 * The ledger's command group is the exception. A command is not idempotent on chain (a second
 * Mint mints twice), and every command consumed since the backup is already on chain, its answer
 * already on Kafka.
 */
const SERVICE_GROUP_PREFIX = 'gridledger-';
const NOT_REWOUND = new Set(['gridledger-ledger-commands']);
const MARGIN_MS = 60_000;

const markerFile = (config: StackConfig) => join(config.paths.data, 'restore-rewind.json');

/** Written by `restore`, applied by the next `up` once Kafka runs and before any service starts. */
export function markConsumerRewind(config: StackConfig, backupCreatedAt: string): void {
  writeFileSync(markerFile(config), JSON.stringify({ rewindTo: new Date(Date.parse(backupCreatedAt) - MARGIN_MS).toISOString() }));
}

/** Rewinds the services' consumer groups if a restore asked for it; returns what it did, in a line. */
export async function applyPendingConsumerRewind(config: StackConfig): Promise<string | undefined> {
  const file = markerFile(config);
  if (!existsSync(file)) return undefined;
  const { rewindTo } = JSON.parse(readFileSync(file, 'utf8')) as { rewindTo: string };
  const timestamp = Date.parse(rewindTo);
  const admin = stackKafka(config).admin();
  await admin.connect();
  const rewound: string[] = [];
  try {
    const { groups } = await whenCoordinatorReady(() => admin.listGroups());
    for (const { groupId } of groups) {
      if (!groupId.startsWith(SERVICE_GROUP_PREFIX) || NOT_REWOUND.has(groupId)) continue;
      for (const { topic, partitions: committed } of await whenCoordinatorReady(() => admin.fetchOffsets({ groupId }))) {
        const target = await admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
        const earlier = target.filter(({ partition, offset }) => {
          const now = committed.find((p) => p.partition === partition)?.offset;
          return now !== undefined && Number(now) >= 0 && Number(offset) < Number(now);
        });
        if (earlier.length === 0) continue;
        await whenCoordinatorReady(() => admin.setOffsets({ groupId, topic, partitions: earlier.map(({ partition, offset }) => ({ partition, offset })) }));
        rewound.push(`${groupId}/${topic}`);
      }
    }
  } finally {
    await admin.disconnect();
  }
  rmSync(file);
  return `rewound ${rewound.length} consumer group topics to ${rewindTo}, the restored backup's time`;
}

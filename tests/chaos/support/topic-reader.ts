import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { envelopeOf, testKafka, type ReceivedEnvelope } from '@gridledger/testing';

export interface SeenRecord {
  topic: string;
  envelope: ReceivedEnvelope;
}

/**
 * Reads several topics from their beginning (committed records only) until `enough` holds and
 * nothing has arrived for `idleMs`, or until `timeoutMs`; either way it returns what it read, so a
 * count is never lost to a timeout. One reader for the answer topics together: an answer counted
 * on one topic is never missed for having been read before the other topic's reader joined.
 */
export async function readTopics(topics: string[], enough: (seen: SeenRecord[]) => boolean, { timeoutMs, idleMs }: { timeoutMs: number; idleMs: number }): Promise<SeenRecord[]> {
  const group = `chaos-reader-${randomUUID()}`;
  const consumer = testKafka(group).consumer({ groupId: group, readUncommitted: false });
  const seen: SeenRecord[] = [];
  let lastArrival = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        let value: unknown;
        try {
          value = JSON.parse(message.value?.toString() ?? '');
        } catch {
          value = null;
        }
        seen.push({ topic, envelope: envelopeOf({ key: message.key?.toString() ?? '', value, headers: {} }) });
        lastArrival = Date.now();
      },
    });
    for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
      if (enough(seen) && Date.now() - lastArrival >= idleMs) break;
      await sleep(250);
    }
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

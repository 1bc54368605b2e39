import type { Network } from '@hyperledger/fabric-gateway';
import type { Producer } from 'kafkajs';
import { toKafkaMessage } from '@gridledger/messaging';
import { toOutboxMessage } from '../chain-events/chain-event-message.ts';
import { chaincodeEventsOf } from '../chain-events/block-chaincode-events.ts';

export interface ReplayRequest {
  fromBlock: bigint;
  /** inclusive */
  toBlock: bigint;
  topic: string;
}

export interface ReplayReport {
  fromBlock: string;
  toBlock: string;
  topic: string;
  blocks: number;
  published: number;
  skipped: number;
}

/**
 * Replays the chaincode events of a block range into one topic, as the relay would have written
 * them: the same CloudEvent (id = transaction id, original type), so a consumer that already saw
 * an event recognises it. It bypasses the outbox on purpose: a replay is an operator's one-off
 * and must not disturb the relay's checkpoint or the public topics.
 */
export async function replayBlocks(network: Network, chaincode: string, producer: Producer, request: ReplayRequest, onProgress: (block: bigint) => void = () => undefined): Promise<ReplayReport> {
  const report: ReplayReport = { fromBlock: request.fromBlock.toString(), toBlock: request.toBlock.toString(), topic: request.topic, blocks: 0, published: 0, skipped: 0 };
  const blocks = await network.getBlockEvents({ startBlock: request.fromBlock });
  try {
    for await (const block of blocks) {
      const number = BigInt(block.getHeader()?.getNumber() ?? 0);
      const messages = [];
      for (const event of chaincodeEventsOf(block, chaincode)) {
        const mapped = toOutboxMessage(event);
        if ('skipped' in mapped) {
          report.skipped += 1;
          continue;
        }
        const { id, key, envelope } = mapped.message;
        messages.push(toKafkaMessage({ id, topic: request.topic, message_key: key, envelope: envelope as unknown as Record<string, unknown> }));
      }
      if (messages.length > 0) await producer.send({ topic: request.topic, acks: -1, messages });
      report.published += messages.length;
      report.blocks += 1;
      onProgress(number);
      if (number >= request.toBlock) break;
    }
  } finally {
    blocks.close();
  }
  return report;
}

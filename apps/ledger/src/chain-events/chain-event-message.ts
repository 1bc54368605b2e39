import { chainEventKey, chainEventSchema, chainTopic, cloudEvent, type CloudEvent, type ChainEvent } from '@gridledger/contracts';
import { isChaincodeEventName } from '@gridledger/domain';

export const EVENT_SOURCE = '/gridledger/ledger';

export interface RawChaincodeEvent {
  blockNumber: bigint;
  transactionId: string;
  eventName: string;
  payload: Uint8Array;
}

export interface OutboxMessage {
  /** the CloudEvent id: the transaction id, since the chaincode emits one event per transaction */
  id: string;
  topic: string;
  key: string;
  envelope: CloudEvent<ChainEvent>;
}

export type Mapped = { message: OutboxMessage } | { skipped: string };

/**
 * A chaincode event as the Kafka message it becomes. The id is derived from the transaction,
 * never generated, so replaying a block after a crash produces the very same message and the
 * outbox's primary key turns the replay into a no-op.
 */
export function toOutboxMessage(event: RawChaincodeEvent): Mapped {
  if (!isChaincodeEventName(event.eventName)) return { skipped: `unknown event name ${event.eventName}` };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(event.payload).toString('utf8'));
  } catch {
    return { skipped: `payload of ${event.eventName} in ${event.transactionId} is not JSON` };
  }
  const parsed = chainEventSchema.safeParse({ ...(payload as object), blockNumber: event.blockNumber.toString() });
  if (!parsed.success) return { skipped: `payload of ${event.eventName} in ${event.transactionId} does not match the contract` };
  const data = parsed.data;
  const topic = chainTopic(event.eventName);
  const key = chainEventKey(data);
  return {
    message: {
      id: event.transactionId,
      topic,
      key,
      envelope: cloudEvent({ id: event.transactionId, source: EVENT_SOURCE, type: topic, subject: key, time: new Date(data.timestamp), data }),
    },
  };
}

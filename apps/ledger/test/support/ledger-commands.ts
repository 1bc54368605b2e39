import { randomUUID } from 'node:crypto';
import { cloudEvent, LEDGER_TOPICS, type TopicPayloads } from '@gridledger/contracts';
import { toKafkaMessage } from '@gridledger/messaging';
import { publishMessages } from '@gridledger/testing';
import type { Message } from 'kafkajs';

export type SubmitCommand = TopicPayloads[typeof LEDGER_TOPICS.submitRequested];

/** A ledger command as another service's outbox would put it on Kafka. */
export function commandMessage(fields: Partial<SubmitCommand> & Pick<SubmitCommand, 'contract' | 'transaction'>, eventId: string = randomUUID()): Message {
  const data: SubmitCommand = { commandId: randomUUID(), userId: null, mspId: null, arguments: [], requestedBy: 'ledger-integration-test', ...fields };
  const envelope = cloudEvent({ id: eventId, source: '/gridledger/tests', type: LEDGER_TOPICS.submitRequested, subject: data.commandId, time: new Date(), data });
  return toKafkaMessage({ id: eventId, topic: LEDGER_TOPICS.submitRequested, message_key: data.commandId, envelope: envelope as unknown as Record<string, unknown> });
}

export const commandIdOf = (message: Message): string => (JSON.parse(String(message.value)) as { data: SubmitCommand }).data.commandId;

export const sendCommands = (messages: Message[]): Promise<void> => publishMessages(LEDGER_TOPICS.submitRequested, messages);

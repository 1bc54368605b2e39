import { randomUUID } from 'node:crypto';
import { cloudEvent, LEDGER_TOPICS, type TopicPayloads } from '@gridledger/contracts';
import { toKafkaMessage } from '@gridledger/messaging';
import type { PrincipalName } from '@gridledger/service-auth';
import { credentialOf, publishMessages, stackConnections } from '@gridledger/testing';
import type { Message } from 'kafkajs';

export type SubmitCommand = TopicPayloads[typeof LEDGER_TOPICS.submitRequested];

/** Who attests a test command: the service that owns the transaction, or the operator for Ping. */
const defaultAttestor = (command: SubmitCommand): PrincipalName => (command.contract === 'system' ? 'operator' : command.contract === 'asset' ? 'storage' : 'access-policy');

/**
 * A ledger command as another service's outbox would put it on Kafka, attested as that service
 * would attest it (`attestor: null` sends none, as a forger would).
 */
export async function commandMessage(fields: Partial<SubmitCommand> & Pick<SubmitCommand, 'contract' | 'transaction'>, options: { eventId?: string; attestor?: PrincipalName | null } = {}): Promise<Message> {
  const eventId = options.eventId ?? randomUUID();
  const data: SubmitCommand = { commandId: randomUUID(), userId: null, mspId: null, arguments: [], requestedBy: 'ledger-integration-test', ...fields };
  const attestor = options.attestor === undefined ? defaultAttestor(data) : options.attestor;
  if (attestor && !data.attestation) {
    const { channel, chaincode } = stackConnections().fabric;
    data.attestation = await credentialOf(attestor).attest({ ...data, channel, chaincode });
  }
  const envelope = cloudEvent({ id: eventId, source: '/gridledger/tests', type: LEDGER_TOPICS.submitRequested, subject: data.commandId, time: new Date(), data });
  return toKafkaMessage({ id: eventId, topic: LEDGER_TOPICS.submitRequested, message_key: data.commandId, envelope: envelope as unknown as Record<string, unknown> });
}

export const commandIdOf = (message: Message): string => (JSON.parse(String(message.value)) as { data: SubmitCommand }).data.commandId;

export const sendCommands = (messages: Message[]): Promise<void> => publishMessages(LEDGER_TOPICS.submitRequested, messages);

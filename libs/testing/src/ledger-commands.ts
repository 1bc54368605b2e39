import { randomUUID } from 'node:crypto';
import { cloudEvent, LEDGER_TOPICS, type TopicPayloads } from '@gridledger/contracts';
import type { PrincipalName } from '@gridledger/service-auth';
import { publishMessages } from './kafka-messages.ts';
import { credentialOf } from './service-credentials.ts';
import { stackConnections } from './stack-connections.ts';
import type { Message } from 'kafkajs';

export type SubmitCommand = TopicPayloads[typeof LEDGER_TOPICS.submitRequested];

/** Who attests a test command: the service that owns the transaction, or the operator for Ping. */
const defaultAttestor = (command: SubmitCommand): PrincipalName => (command.contract === 'system' ? 'operator' : command.contract === 'asset' ? 'storage' : 'access-policy');

/**
 * A ledger command as another service's outbox would put it on Kafka, attested as that service
 * would attest it (`attestor: null` sends none, as a forger would).
 */
export async function commandMessage(
  fields: Partial<SubmitCommand> & Pick<SubmitCommand, 'contract' | 'transaction'>,
  options: { eventId?: string; attestor?: PrincipalName | null; attestationSeconds?: number; key?: string } = {},
): Promise<Message> {
  const eventId = options.eventId ?? randomUUID();
  const data: SubmitCommand = { commandId: randomUUID(), userId: null, mspId: null, arguments: [], requestedBy: 'ledger-integration-test', ...fields };
  const attestor = options.attestor === undefined ? defaultAttestor(data) : options.attestor;
  if (attestor && !data.attestation) {
    const { channel, chaincode } = stackConnections().fabric;
    data.attestation = await credentialOf(attestor).attest({ ...data, channel, chaincode }, options.attestationSeconds);
  }
  const envelope = cloudEvent({ id: eventId, source: '/gridledger/tests', type: LEDGER_TOPICS.submitRequested, subject: data.commandId, time: new Date(), data });
  // as the outbox relay publishes one (libs/messaging, which this library cannot import: its tests use this one)
  return { key: options.key ?? data.commandId, value: JSON.stringify(envelope), headers: { ce_id: eventId, ce_type: LEDGER_TOPICS.submitRequested, 'content-type': 'application/cloudevents+json' } };
}

export const commandIdOf = (message: Message): string => (JSON.parse(String(message.value)) as { data: SubmitCommand }).data.commandId;

export const sendCommands = (messages: Message[], options: { transactionalId?: string } = {}): Promise<void> => publishMessages(LEDGER_TOPICS.submitRequested, messages, options);

import { randomUUID } from 'node:crypto';
import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { CHAIN_TOPICS, LEDGER_TOPICS, parsePayload, type CloudEvent } from '@gridledger/contracts';
import { deadLetterTopic } from '@gridledger/messaging';
import { envelopeOf, onboardUser, type PlatformUser, publishMessages, type ReceivedMessage, signIn, startPlatformServices, waitForMessages } from '@gridledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandIdOf, commandMessage, sendCommands } from './support/ledger-commands.ts';

type Envelope = CloudEvent<Record<string, unknown>>;
const answersFor = (commandId: string, count = 1) => (received: ReceivedMessage[]) => received.filter((m) => envelopeOf(m).data['commandId'] === commandId).length >= count;

/** The answer to one command, whichever topic it came on. */
async function answerTo(commandId: string, topic: string = LEDGER_TOPICS.txCommitted): Promise<Envelope> {
  const received = await waitForMessages(topic, answersFor(commandId), 90_000);
  const answer = received.map(envelopeOf).find((e) => e.data['commandId'] === commandId);
  if (!answer) throw new Error(`no answer to ${commandId}`);
  return answer;
}

describe('ledger service: commands become transactions signed for their user, answers and domain events reach Kafka', () => {
  let owner: PlatformUser;
  let endpoints: PlatformEndpoints;

  beforeAll(async () => {
    endpoints = startPlatformServices();
    owner = await onboardUser(endpoints, 'GridMSP', 'owner');
  });

  it('commits a command signed through the identity service and relays its chaincode event as a CloudEvent', async () => {
    const message = await commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: [`hello from ${owner.username}`] });
    const commandId = commandIdOf(message);
    await sendCommands([message]);

    const answer = await answerTo(commandId);
    const committed = parsePayload(LEDGER_TOPICS.txCommitted, answer.data);
    expect(answer).toMatchObject({ specversion: '1.0', type: LEDGER_TOPICS.txCommitted, source: '/gridledger/ledger', subject: commandId, datacontenttype: 'application/json' });
    // the chaincode read the signer from the user's own certificate
    expect(JSON.parse(committed.result ?? '{}')).toMatchObject({ signer: { mspId: 'GridMSP', uid: owner.id, role: 'owner' } });

    const events = await waitForMessages(CHAIN_TOPICS.PingRecorded, (received) => received.some((m) => envelopeOf(m).id === committed.txId), 60_000);
    const event = events.map(envelopeOf).find((e) => e.id === committed.txId);
    expect(event).toMatchObject({ specversion: '1.0', source: '/gridledger/ledger', type: CHAIN_TOPICS.PingRecorded, datacontenttype: 'application/json' });
    expect(new Date(event?.time ?? '').toISOString()).toBe(event?.time);
    const domain = parsePayload(CHAIN_TOPICS.PingRecorded, event?.data);
    expect(domain).toMatchObject({ txId: committed.txId, blockNumber: committed.blockNumber, signer: { uid: owner.id, mspId: 'GridMSP' } });
  });

  it("answers a chaincode refusal with tx-failed and the chaincode's code, and a repeated command from its record", async () => {
    const refused = await commandMessage({ userId: owner.id, contract: 'asset', transaction: 'RegisterAsset', arguments: ['{"title": 42}'] });
    await sendCommands([refused]);
    const failure = parsePayload(LEDGER_TOPICS.txFailed, (await answerTo(commandIdOf(refused), LEDGER_TOPICS.txFailed)).data);
    expect(failure).toMatchObject({ stage: 'endorsement', code: 'INVALID_ARGUMENT', txId: null });
    expect(failure.message.length).toBeGreaterThan(10);

    // the same command id again, in a new event: answered from the record, not submitted again
    const first = await commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: ['once only'] });
    const commandId = commandIdOf(first);
    await sendCommands([first]);
    const original = await answerTo(commandId);
    const again = JSON.parse(String(first.value)) as Envelope;
    const resent = { ...first, value: JSON.stringify({ ...again, id: randomUUID() }) };
    await sendCommands([resent]);
    const both = await waitForMessages(LEDGER_TOPICS.txCommitted, answersFor(commandId, 2), 60_000);
    const txIds = both.map(envelopeOf).filter((e) => e.data['commandId'] === commandId).map((e) => e.data['txId']);
    expect(txIds).toEqual([original.data['txId'], original.data['txId']]);
  });

  it("signs system actions with the organisation's own service identity", async () => {
    const message = await commandMessage({ mspId: 'RegulatorMSP', contract: 'system', transaction: 'Ping', arguments: ['system action'] });
    await sendCommands([message]);
    const committed = parsePayload(LEDGER_TOPICS.txCommitted, (await answerTo(commandIdOf(message))).data);
    expect(JSON.parse(committed.result ?? '{}')).toMatchObject({ signer: { mspId: 'RegulatorMSP', uid: 'ledger-service', role: 'admin' } });
  });

  it('answers a command no one can sign with a validation failure', async () => {
    const unknownUser = await commandMessage({ userId: randomUUID(), contract: 'system', transaction: 'Ping', arguments: ['nobody'] });
    const both = await commandMessage({ userId: owner.id, mspId: 'GridMSP', contract: 'system', transaction: 'Ping', arguments: ['ambiguous'] });
    await sendCommands([unknownUser, both]);
    expect((await answerTo(commandIdOf(unknownUser), LEDGER_TOPICS.txFailed)).data).toMatchObject({ stage: 'signing', code: 'NOT_FOUND' });
    expect((await answerTo(commandIdOf(both), LEDGER_TOPICS.txFailed)).data).toMatchObject({ stage: 'validation', code: 'INVALID_COMMAND' });
  });

  it('dead-letters a malformed command and a poison event with a reason, and keeps serving', async () => {
    const marker = randomUUID();
    const poison = await commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping' });
    const envelope = JSON.parse(String(poison.value)) as Envelope;
    const poisonValue = JSON.stringify({ ...envelope, data: { ...envelope.data, contract: 'no-such-contract', requestedBy: marker } });
    await publishMessages(LEDGER_TOPICS.submitRequested, [
      { key: marker, value: `not json ${marker}` },
      { key: marker, value: poisonValue, headers: { ce_id: envelope.id } },
    ]);
    // the audit service reads this topic too and dead-letters the same poison: count the ledger's
    const ours = (m: ReceivedMessage) => m.key === marker && m.headers['dlq_group'] === 'gridledger-ledger-commands';
    const dead = await waitForMessages(deadLetterTopic(LEDGER_TOPICS.submitRequested), (received) => received.filter(ours).length >= 2, 60_000);
    const reasons = dead.filter(ours).map((m) => m.headers['dlq_reason']);
    expect(reasons).toHaveLength(2);
    expect(reasons.every((r) => typeof r === 'string' && r.length > 10)).toBe(true);
    expect(reasons.join(' ')).toMatch(/JSON/i);
    expect(reasons.join(' ')).toMatch(/contract/);

    const after = await commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: ['still serving'] });
    await sendCommands([after]);
    expect((await answerTo(commandIdOf(after))).data['commandId']).toBe(commandIdOf(after));
  });

  describe('no signature without an attestation of the user\'s own request', () => {
    /** A refusal must be final and quick: answered, with its code, not retried into the dead-letter topic. */
    async function refusedQuickly(message: Awaited<ReturnType<typeof commandMessage>>) {
      const started = Date.now();
      await sendCommands([message]);
      const failure = parsePayload(LEDGER_TOPICS.txFailed, (await answerTo(commandIdOf(message), LEDGER_TOPICS.txFailed)).data);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(failure).toMatchObject({ stage: 'signing', txId: null });
      return failure;
    }

    /** Nothing was signed: no Ping with this text reached the chain (its event would be on Kafka by now). */
    async function neverOnChain(text: string) {
      const marker = await commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: [`after ${text}`] });
      await sendCommands([marker]);
      await answerTo(commandIdOf(marker));
      const events = await waitForMessages(CHAIN_TOPICS.PingRecorded, (received) => received.some((m) => JSON.stringify(envelopeOf(m).data).includes(`after ${text}`)), 60_000);
      expect(events.filter((m) => JSON.stringify(envelopeOf(m).data).includes(`"${text}"`))).toEqual([]);
    }

    it("refuses a forged command naming another user's id, and nothing reaches the chain", async () => {
      const text = `forged ${randomUUID()}`;
      const forged = await commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: [text] }, { attestor: null });
      expect((await refusedQuickly(forged)).code).toBe('NOT_ATTESTED');
      await neverOnChain(text);
    });

    it('refuses a command attested by a service the table does not allow for that transaction', async () => {
      const text = `not storage's to ask ${randomUUID()}`;
      const foreign = await commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: [text] }, { attestor: 'storage' });
      expect((await refusedQuickly(foreign)).code).toBe('NOT_PERMITTED');
      await neverOnChain(text);
    });

    it("refuses another user's attestation, and one reused for other arguments", async () => {
      const stranger = await onboardUser(endpoints, 'GridMSP', 'owner');
      const genuine = JSON.parse(String((await commandMessage({ userId: stranger.id, contract: 'system', transaction: 'Ping', arguments: ['genuine'] })).value)) as Envelope;
      const attestation = String(genuine.data['attestation']);
      const forOwner = await commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: ['genuine'], attestation }, { attestor: null });
      expect((await refusedQuickly(forOwner)).code).toBe('NOT_ATTESTED');
      const otherArguments = await commandMessage({ commandId: String(genuine.data['commandId']), userId: stranger.id, contract: 'system', transaction: 'Ping', arguments: ['something else'], attestation }, { attestor: null });
      expect((await refusedQuickly(otherArguments)).code).toBe('NOT_ATTESTED');
    });

    it("answers a suspended user's attested command with a final tx-failed USER_SUSPENDED within 2 s", async () => {
      const member = await onboardUser(endpoints, 'GridMSP', 'owner');
      const admin = endpoints.admins.find((a) => a.mspId === 'GridMSP');
      if (!admin) throw new Error('no GridMSP admin');
      const adminToken = await signIn(endpoints, admin);
      const suspended = await fetch(`${endpoints.identityUrl}/users/${member.id}/suspend`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'left' }) });
      expect(suspended.status).toBeLessThan(300);
      const command = await commandMessage({ userId: member.id, contract: 'system', transaction: 'Ping', arguments: ['while suspended'] });
      const started = Date.now();
      await sendCommands([command]);
      const answer = await answerTo(commandIdOf(command), LEDGER_TOPICS.txFailed);
      // when the ledger answered, not when this test's reader got round to it
      expect(Date.parse(answer.time) - started).toBeLessThan(2_000);
      expect(parsePayload(LEDGER_TOPICS.txFailed, answer.data)).toMatchObject({ stage: 'signing', code: 'USER_SUSPENDED', txId: null });
    });

    it("refuses an organisation's service identity without an attestation the table allows", async () => {
      const bare = await commandMessage({ mspId: 'GridMSP', contract: 'system', transaction: 'Ping', arguments: ['no attestation'] }, { attestor: null });
      expect((await refusedQuickly(bare)).code).toBe('NOT_ATTESTED');
      const mint = await commandMessage({ mspId: 'GridMSP', contract: 'settlement', transaction: 'Mint', arguments: [owner.id, '1000000', 'free money'] }, { attestor: 'access-policy' });
      expect((await refusedQuickly(mint)).code).toBe('NOT_PERMITTED');
    });
  });
});

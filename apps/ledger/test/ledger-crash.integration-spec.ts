import { randomUUID } from 'node:crypto';
import { CHAIN_TOPICS, LEDGER_TOPICS, type CloudEvent } from '@gridledger/contracts';
import { envelopeOf, killComponent, onboardUser, readAllMessages, type ReceivedMessage, startPlatformServices, waitForMessages } from '@gridledger/testing';
import { describe, expect, it } from 'vitest';
import { commandIdOf, commandMessage, sendCommands } from './support/ledger-commands.ts';

const N = 500;

type Envelope = CloudEvent<Record<string, unknown>>;

describe('ledger service killed with SIGKILL in the middle of a stream of transactions', () => {
  it(`commits ${N} commands and relays exactly ${N} domain events: none missing, none twice`, async () => {
    const endpoints = startPlatformServices();
    const owner = await onboardUser(endpoints, 'GridMSP', 'owner');
    const run = randomUUID();
    const messages = await Promise.all(Array.from({ length: N }, (_, i) => commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: [`crash run ${run} #${i}`] })));
    const commandIds = new Set(messages.map(commandIdOf));
    const ours = (received: ReceivedMessage[]) => received.map(envelopeOf).filter((e) => commandIds.has(e.data['commandId'] as string));

    await sendCommands(messages);
    // part-way through: a third of the commands answered
    await waitForMessages(LEDGER_TOPICS.txCommitted, (received) => ours(received).length >= N / 3, 300_000);
    killComponent('ledger');
    startPlatformServices();

    // read until every command is answered and the topic has been quiet a while: duplicates would be counted
    const answers = ours(await readAllMessages(LEDGER_TOPICS.txCommitted, (received) => new Set(ours(received).map((e) => e.data['commandId'])).size >= N, { timeoutMs: 600_000 }));
    const txIds = new Set(answers.map((e) => e.data['txId'] as string));
    expect(txIds.size).toBe(N);

    const isOurs = (e: Envelope) => String((e.data['data'] as { message?: unknown } | undefined)?.message).startsWith(`crash run ${run} `);
    const events = (await readAllMessages(CHAIN_TOPICS.PingRecorded, (received) => received.map(envelopeOf).filter(isOurs).length >= N)).map(envelopeOf).filter(isOurs);
    expect(events).toHaveLength(N);
    expect(new Set(events.map((e) => e.id))).toEqual(txIds);
    // every command answered once: the answer is written with the consumed event id, in one transaction
    expect(answers).toHaveLength(N);
  }, 900_000);
});

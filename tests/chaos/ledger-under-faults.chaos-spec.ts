import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHAIN_TOPICS, LEDGER_TOPICS } from '@gridledger/contracts';
import { loadStackConfig, statusRows } from '@gridledger/stack';
import { commandIdOf, commandMessage, killComponent, onboardUser, pauseComponent, sendCommands, startPlatformServices, type PlatformServiceName, type ReceivedEnvelope, type StackComponentName } from '@gridledger/testing';
import type { Message } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryAfter, writeChaosReport, type ScenarioResult } from './scenario-report.ts';
import { readTopics, type SeenRecord } from './topic-reader.ts';


/** commands per scenario, sent at RATE a second: about a fifth of what the ledger commits at most */
const COMMANDS = 150;
const RATE = 10;
/** the kill comes once the load is well under way */
const KILL_AFTER_MS = 4_000;

/** how long a paused process stays stopped: it keeps its sockets open and answers nothing */
const PAUSE_MS = 20_000;

type Fault = 'killed' | 'paused';

const SCENARIOS: { scenario: string; target: PlatformServiceName | StackComponentName; fault: Fault }[] = [
  { scenario: 'Kafka broker', target: 'kafka', fault: 'killed' },
  { scenario: 'orderer', target: 'orderer', fault: 'killed' },
  { scenario: 'grid peer (the gateway peer)', target: 'peer-grid', fault: 'killed' },
  { scenario: 'chaincode server', target: 'chaincode', fault: 'killed' },
  { scenario: 'ledger service', target: 'ledger', fault: 'killed' },
  { scenario: 'PostgreSQL', target: 'postgres', fault: 'killed' },
  { scenario: 'Kafka broker', target: 'kafka', fault: 'paused' },
  { scenario: 'grid peer (the gateway peer)', target: 'peer-grid', fault: 'paused' },
];

/**
 * The dev topology under a steady stream of user-signed ledger commands, one process SIGKILLed at
 * a time (the supervisor brings it back), or SIGSTOPped for 20 s (the harder failure for its
 * clients: connections stay open and nothing answers). Counted, not hoped: every command answered exactly once,
 * every committed transaction on chain exactly once, and how long the platform took to recover.
 */
describe('the ledger write path while one process at a time is killed or paused', () => {
  const results: ScenarioResult[] = [];
  let ownerId: string;

  beforeAll(async () => {
    const endpoints = startPlatformServices();
    ownerId = (await onboardUser(endpoints, 'GridMSP', 'owner')).id;
  });

  afterAll(() => {
    if (results.length > 0) console.log(`chaos report: ${writeChaosReport(results)}`);
  });

  /** Sends the messages at RATE a second; a batch the broker does not take is sent again, as an outbox would. */
  async function steadyLoad(messages: Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += RATE) {
      const batch = messages.slice(i, i + RATE);
      const started = Date.now();
      for (;;) {
        try {
          await sendCommands(batch);
          break;
        } catch {
          await sleep(1_000);
        }
      }
      await sleep(Math.max(0, 1_000 - (Date.now() - started)));
    }
  }

  async function healthyAgain(target: string, killedPid: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const row = (await statusRows(loadStackConfig())).find((r) => r.component === target);
      if (row?.healthy && row.pid !== String(killedPid)) return (Date.now() - started) / 1000;
      if (Date.now() - started > 300_000) throw new Error(`${target} was not healthy again within 300 s`);
      await sleep(250);
    }
  }

  for (const { scenario, target, fault } of SCENARIOS) {
    it(`${scenario} ${fault}: every command answered once, every transaction on chain once`, async () => {
      const run = randomUUID();
      const messages = await Promise.all(Array.from({ length: COMMANDS }, (_, i) => commandMessage({ userId: ownerId, contract: 'system', transaction: 'Ping', arguments: [`chaos ${run} #${i}`] })));
      const ids = new Set(messages.map(commandIdOf));
      const load = steadyLoad(messages);
      await sleep(KILL_AFTER_MS);
      const killedAt = Date.now();
      const restartSeconds = fault === 'killed' ? await healthyAgain(target, killComponent(target)) : await pauseComponent(target, PAUSE_MS);
      await load;

      // every answer to our commands, on either topic; then the Ping events on chain
      const answerOf = (r: SeenRecord) => ids.has(String(r.envelope.data['commandId']));
      const answered = (seen: SeenRecord[]) => new Set(seen.filter(answerOf).map((r) => r.envelope.data['commandId'])).size;
      const answerRecords = (await readTopics([LEDGER_TOPICS.txCommitted, LEDGER_TOPICS.txFailed], (seen) => answered(seen) >= COMMANDS, { timeoutMs: 420_000, idleMs: 5_000 })).filter(answerOf);
      const answers = answerRecords.map((r) => r.envelope);
      const committedTxIds = new Set(answerRecords.filter((r) => r.topic === LEDGER_TOPICS.txCommitted).map((r) => r.envelope.data['txId']));
      const failedAnswers = answerRecords.filter((r) => r.topic === LEDGER_TOPICS.txFailed).length;
      const distinct = new Set(answers.map((e) => e.data['commandId']));
      const isOurs = (e: ReceivedEnvelope) => String((e.data['data'] as { message?: unknown } | undefined)?.message).startsWith(`chaos ${run} `);
      const pings = (await readTopics([CHAIN_TOPICS.PingRecorded], (seen) => seen.filter((r) => isOurs(r.envelope)).length >= committedTxIds.size, { timeoutMs: 120_000, idleMs: 3_000 })).map((r) => r.envelope).filter(isOurs);

      const result: ScenarioResult = {
        scenario: `${scenario} ${fault}${fault === 'paused' ? ` ${PAUSE_MS / 1000} s` : ''}`,
        killed: target,
        commands: COMMANDS,
        lost: COMMANDS - distinct.size,
        duplicated: answers.length - distinct.size + (pings.length - new Set(pings.map((e) => e.id)).size),
        failed: failedAnswers,
        restartSeconds,
        recoverySeconds: recoveryAfter(killedAt, answers.map((e) => Date.parse(String(e.time)))),
      };
      results.push(result);
      expect({ lost: result.lost, duplicated: result.duplicated }, JSON.stringify(result)).toEqual({ lost: 0, duplicated: 0 });
      // what committed is on chain, once; and nothing is on chain that was not answered as committed
      expect(new Set(pings.map((e) => e.id))).toEqual(committedTxIds);
    });
  }
});

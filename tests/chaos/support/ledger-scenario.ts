import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { CHAIN_TOPICS, LEDGER_TOPICS } from '@gridledger/contracts';
import { commandIdOf, commandMessage, killComponent, onboardUser, pauseComponent, sendCommands, startPlatformServices, type ReceivedEnvelope } from '@gridledger/testing';
import type { Message } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collateralOf, componentPids, healthyAgain } from './component-watch.ts';
import { answersPerSecond, recoveryAfter, writeChaosReport, type ScenarioResult } from './scenario-report.ts';
import { mixedLoadParties, startMixedLoad, type MixedLoadOutcome, type MixedLoadParties } from './mixed-load.ts';
import { runUploadScenario } from './upload-scenario.ts';
import { readTopics, type SeenRecord } from './topic-reader.ts';

/** commands per scenario, sent at RATE a second: about a fifth of what the ledger commits at most */
const COMMANDS = 150;
const RATE = 10;
/** the fault comes once the load is well under way */
const FAULT_AFTER_MS = 4_000;
/** how long a paused process stays stopped: it keeps its sockets open and answers nothing */
export const PAUSE_MS = 20_000;

export type Fault = 'killed' | 'paused';

export interface Scenario {
  scenario: string;
  /** the pid-file name of the process, or a function that picks it when the fault comes (the current partition leader, say) */
  target: string | (() => Promise<string>);
  fault: Fault;
}

/** What a scenario saw: the counts, and the chain's view to check them against. */
export interface ScenarioOutcome {
  result: ScenarioResult;
  /** ids of the PingRecorded chain events of this run's commands */
  pingIds: Set<string>;
  /** transactions answered tx-committed */
  committedTxIds: Set<unknown>;
  /** what the mixed load's checks found wrong, if it ran */
  mixedProblems: string[];
}

/**
 * Sends the messages at RATE a second; a batch the broker does not take is sent again, as an
 * outbox would, and under the same transactional id, which ends a transaction the failure left open.
 */
async function steadyLoad(messages: Message[], transactionalId: string): Promise<void> {
  for (let i = 0; i < messages.length; i += RATE) {
    const batch = messages.slice(i, i + RATE);
    const started = Date.now();
    for (;;) {
      try {
        await sendCommands(batch, { transactionalId });
        break;
      } catch {
        await sleep(1_000);
      }
    }
    await sleep(Math.max(0, 1_000 - (Date.now() - started)));
  }
}

/**
 * One scenario: a steady stream of user-signed Ping commands, the fault four seconds in (SIGKILL,
 * after which the supervisor restarts the process, or SIGSTOP for PAUSE_MS), then every answer
 * and every chain event of the run counted from the topics as an outside consumer reads them.
 */
export async function runLedgerScenario({ scenario, target, fault }: Scenario, ownerId: string, alongside?: () => Promise<{ stop(): Promise<MixedLoadOutcome> }>): Promise<ScenarioOutcome> {
  const run = randomUUID();
  const messages = await Promise.all(Array.from({ length: COMMANDS }, (_, i) => commandMessage({ userId: ownerId, contract: 'system', transaction: 'Ping', arguments: [`chaos ${run} #${i}`] })));
  const ids = new Set(messages.map(commandIdOf));
  const pidsBefore = await componentPids();
  const mixed = await alongside?.();
  const load = steadyLoad(messages, `gridledger-chaos-load-${run}`);
  await sleep(FAULT_AFTER_MS);
  const victim = typeof target === 'string' ? target : await target();
  const faultAt = Date.now();
  const restartSeconds = fault === 'killed' ? await healthyAgain(victim, killComponent(victim)) : await pauseComponent(victim, PAUSE_MS);
  await load;
  const mixedOutcome = await mixed?.stop();

  // every answer to our commands, on either topic; then the Ping events on chain
  const answerOf = (r: SeenRecord) => ids.has(String(r.envelope.data['commandId']));
  const answered = (seen: SeenRecord[]) => new Set(seen.filter(answerOf).map((r) => r.envelope.data['commandId'])).size;
  const answerRecords = (await readTopics([LEDGER_TOPICS.txCommitted, LEDGER_TOPICS.txFailed], (seen) => answered(seen) >= COMMANDS, { timeoutMs: 420_000, idleMs: 5_000 })).filter(answerOf);
  const answers = answerRecords.map((r) => r.envelope);
  const answerTimes = answers.map((e) => Date.parse(String(e.time)));
  const committedTxIds = new Set(answerRecords.filter((r) => r.topic === LEDGER_TOPICS.txCommitted).map((r) => r.envelope.data['txId']));
  const failedAnswers = answerRecords.filter((r) => r.topic === LEDGER_TOPICS.txFailed).length;
  const distinct = new Set(answers.map((e) => e.data['commandId']));
  const isOurs = (e: ReceivedEnvelope) => String((e.data['data'] as { message?: unknown } | undefined)?.message).startsWith(`chaos ${run} `);
  const pidsAfter = await componentPids();
  const pings = (await readTopics([CHAIN_TOPICS.PingRecorded], (seen) => seen.filter((r) => isOurs(r.envelope)).length >= committedTxIds.size, { timeoutMs: 120_000, idleMs: 3_000 })).map((r) => r.envelope).filter(isOurs);

  return {
    result: {
      scenario: `${scenario} ${fault}${fault === 'paused' ? ` ${PAUSE_MS / 1000} s` : ''}`,
      killed: victim,
      commands: COMMANDS,
      lost: COMMANDS - distinct.size,
      duplicated: answers.length - distinct.size + (pings.length - new Set(pings.map((e) => e.id)).size),
      failed: failedAnswers,
      restartSeconds,
      recoverySeconds: recoveryAfter(faultAt, answerTimes),
      answersPerSecond: answersPerSecond(faultAt, answerTimes),
      collateral: collateralOf(victim, pidsBefore, pidsAfter),
      ...(mixedOutcome ? { flows: { started: mixedOutcome.flows, completed: mixedOutcome.completed, retries: mixedOutcome.retries, recoverySeconds: recoveryAfter(faultAt, mixedOutcome.completedAt) } } : {}),
    },
    mixedProblems: mixedOutcome?.problems ?? [],
    pingIds: new Set(pings.map((e) => e.id)),
    committedTxIds,
  };
}

/**
 * A suite of scenarios, one test each: the platform services restarted from the current sources,
 * a fresh owner, then per scenario every command answered exactly once and every committed
 * transaction on chain exactly once; the table is written after the last.
 */
export function describeScenarios(title: string, topology: 'dev' | 'ha', scenarios: Scenario[], options: { check?: () => void; uploads?: boolean; mixedLoad?: boolean } = {}): void {
  describe(title, () => {
    const results: ScenarioResult[] = [];
    let ownerId: string;
    let endpoints: PlatformEndpoints;
    let parties: MixedLoadParties | undefined;

    beforeAll(async () => {
      options.check?.();
      endpoints = startPlatformServices();
      ownerId = (await onboardUser(endpoints, 'GridMSP', 'owner')).id;
      if (options.mixedLoad) parties = await mixedLoadParties(endpoints);
    });

    afterAll(() => {
      if (results.length > 0) console.log(`chaos report: ${writeChaosReport(results, topology)}`);
    });

    for (const scenario of scenarios) {
      it(`${scenario.scenario} ${scenario.fault}: every command answered once, every transaction on chain once${options.mixedLoad ? ', every flow of the mixed load through' : ''}`, async () => {
        const mixed = parties;
        const { result, pingIds, committedTxIds, mixedProblems } = await runLedgerScenario(scenario, ownerId, mixed ? () => startMixedLoad(endpoints, mixed) : undefined);
        results.push(result);
        // and nothing but the victim went down with it: a process that died of another's failure
        // (a service of its database's restart, say) is restarted, but spends the crash-loop budget;
        // and the uploads, requests, approvals, key releases and downloads alongside all went through
        expect({ lost: result.lost, duplicated: result.duplicated, collateral: result.collateral, mixedProblems }, JSON.stringify(result)).toEqual({ lost: 0, duplicated: 0, collateral: [], mixedProblems: [] });
        if (result.flows) expect(result.flows.completed, 'mixed-load flows completed').toBeGreaterThan(0);
        // what committed is on chain, once; and nothing is on chain that was not answered as committed
        expect(pingIds).toEqual(committedTxIds);
      });
    }

    if (options.uploads) {
      it('IPFS (Kubo) killed mid-upload: every upload stored and anchored, or refused cleanly with nothing pinned', async () => {
        const pidsBefore = await componentPids();
        const { result, problems } = await runUploadScenario(endpoints);
        result.collateral = collateralOf('kubo', pidsBefore, await componentPids());
        results.push(result);
        expect({ problems, collateral: result.collateral }, JSON.stringify(result)).toEqual({ problems: [], collateral: [] });
      });
    }
  });
}

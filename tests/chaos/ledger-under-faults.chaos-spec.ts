import { onboardUser, startPlatformServices } from '@gridledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLedgerScenario, type Scenario } from './ledger-scenario.ts';
import { writeChaosReport, type ScenarioResult } from './scenario-report.ts';

const SCENARIOS: Scenario[] = [
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
    if (results.length > 0) console.log(`chaos report: ${writeChaosReport(results, 'dev')}`);
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.scenario} ${scenario.fault}: every command answered once, every transaction on chain once`, async () => {
      const { result, pingIds, committedTxIds } = await runLedgerScenario(scenario, ownerId);
      results.push(result);
      expect({ lost: result.lost, duplicated: result.duplicated }, JSON.stringify(result)).toEqual({ lost: 0, duplicated: 0 });
      // what committed is on chain, once; and nothing is on chain that was not answered as committed
      expect(pingIds).toEqual(committedTxIds);
    });
  }
});

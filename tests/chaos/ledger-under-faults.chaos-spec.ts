import { describeScenarios, type Scenario } from './support/ledger-scenario.ts';

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
 * Then IPFS is killed in the middle of uploads: each one stored and anchored, or refused cleanly.
 */
describeScenarios('the ledger write path while one process at a time is killed or paused', 'dev', SCENARIOS, { uploads: true });

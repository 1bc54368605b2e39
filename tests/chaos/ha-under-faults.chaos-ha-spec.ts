import { LEDGER_TOPICS } from '@gridledger/contracts';
import { loadStackConfig } from '@gridledger/stack';
import { testKafka } from '@gridledger/testing';
import { describeScenarios, type Scenario } from './ledger-scenario.ts';

/** The broker that leads partition 0 of the command topic when the fault comes: the node the ledger's intake depends on most. */
async function commandPartitionLeader(): Promise<string> {
  const admin = testKafka('chaos-ha-leader').admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [LEDGER_TOPICS.submitRequested] });
    const leader = topics[0]?.partitions.find((p) => p.partitionId === 0)?.leader;
    if (leader === undefined || leader < 1) throw new Error(`${LEDGER_TOPICS.submitRequested} partition 0 has no leader`);
    return leader === 1 ? 'kafka' : `kafka-${leader}`;
  } finally {
    await admin.disconnect();
  }
}

const SCENARIOS: Scenario[] = [
  { scenario: 'partition-leader Kafka broker', target: commandPartitionLeader, fault: 'killed' },
  { scenario: 'ledger service, first replica', target: 'ledger', fault: 'killed' },
  { scenario: 'ledger service, second replica', target: 'ledger-2', fault: 'killed' },
  { scenario: 'identity service (user signing), first replica', target: 'identity', fault: 'killed' },
  { scenario: 'identity service (user signing), second replica', target: 'identity-2', fault: 'killed' },
  { scenario: 'grid peer (the gateway peer)', target: 'peer-grid', fault: 'killed' },
  { scenario: 'chaincode server', target: 'chaincode', fault: 'killed' },
  { scenario: 'PostgreSQL', target: 'postgres', fault: 'killed' },
  { scenario: 'partition-leader Kafka broker', target: commandPartitionLeader, fault: 'paused' },
];

/**
 * The same counted scenarios as the dev suite, on the ha topology (three Kafka nodes, two
 * replicas of every service): the node that fails has a twin that carries on, so the stall should
 * be short. `npm run test:chaos:ha` runs it in a stack of its own (tests/chaos/run-ha-suite.sh).
 */
describeScenarios('the ledger write path on the ha topology while one node at a time is killed or paused', 'ha', SCENARIOS, {
  check: () => {
    if (loadStackConfig().topology.name !== 'ha') throw new Error('this suite needs the ha topology: run it with npm run test:chaos:ha');
  },
  uploads: true,
});

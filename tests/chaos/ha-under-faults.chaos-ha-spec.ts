import { loadConnectionConfig } from '@gridledger/stack-connection';
import { LEDGER_TOPICS } from '@gridledger/contracts';
import { testKafka } from '@gridledger/testing';
import { describeScenarios, type Scenario } from './support/ledger-scenario.ts';

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

/** The orderer leading the channel's Raft cluster, from each orderer's own `consensus_etcdraft_is_leader`. */
async function raftLeader(): Promise<string> {
  const { orderer, channel } = loadConnectionConfig();
  for (const node of orderer.nodes) {
    const metrics = await fetch(`http://127.0.0.1:${node.operationsPort}/metrics`).then((r) => r.text(), () => '');
    if (metrics.includes(`consensus_etcdraft_is_leader{channel="${channel}"} 1`)) return node.name;
  }
  throw new Error(`no orderer reports itself the Raft leader of ${channel}`);
}

const replicas = (service: string, label: string): Scenario[] => [
  { scenario: `${label}, first replica`, target: service, fault: 'killed' },
  { scenario: `${label}, second replica`, target: `${service}-2`, fault: 'killed' },
];

const SCENARIOS: Scenario[] = [
  { scenario: 'partition-leader Kafka broker', target: commandPartitionLeader, fault: 'killed' },
  { scenario: 'Raft-leader orderer', target: raftLeader, fault: 'killed' },
  { scenario: 'grid peer (the ledger\'s gateway peer)', target: 'peer-grid', fault: 'killed' },
  { scenario: 'chaincode server', target: 'chaincode', fault: 'killed' },
  ...replicas('ledger', 'ledger service'),
  ...replicas('identity', 'identity service (user signing)'),
  ...replicas('storage', 'storage service'),
  ...replicas('access-policy', 'access-policy service'),
  ...replicas('audit', 'audit service'),
  ...replicas('web', 'web entry'),
  { scenario: 'PostgreSQL', target: 'postgres', fault: 'killed' },
  { scenario: 'partition-leader Kafka broker', target: commandPartitionLeader, fault: 'paused' },
  { scenario: 'grid peer (the ledger\'s gateway peer)', target: 'peer-grid', fault: 'paused' },
];

/**
 * The same counted scenarios as the dev suite, on the ha topology (three Kafka nodes, three
 * orderers, two peers per organisation, two replicas of every service), under a mixed load: the
 * node that fails has a twin that carries on, so the stall should be short. `npm run test:chaos:ha` runs it in a stack of its own (tests/chaos/run-ha-suite.sh).
 */
describeScenarios('the ledger write path on the ha topology while one node at a time is killed or paused', 'ha', SCENARIOS, {
  check: () => {
    if (loadConnectionConfig().topology.name !== 'ha') throw new Error('this suite needs the ha topology: run it with npm run test:chaos:ha');
  },
  uploads: true,
  mixedLoad: true,
});

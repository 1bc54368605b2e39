import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * How many of each node the stack runs. `dev` is one of everything, as light as a laptop wants;
 * `ha` survives the loss of any single node: Kafka as three KRaft nodes (each broker and
 * controller, so the quorum is three) with replication factor 3 and min.insync.replicas 2, three
 * etcdraft orderers, two peers in every organisation, and two replicas of every service (they share each port through SO_REUSEPORT, and leases keep the
 * singleton loops to one replica).
 */
export const TOPOLOGY_NAMES = ['dev', 'ha'] as const;
export type TopologyName = (typeof TOPOLOGY_NAMES)[number];

export interface Topology {
  name: TopologyName;
  kafkaNodes: number;
  /** etcdraft orderers: three tolerate losing one */
  orderers: number;
  /** peers in each organisation: with two, one may go and the organisation still endorses */
  peersPerOrganization: number;
  serviceReplicas: number;
}

export const TOPOLOGIES: Record<TopologyName, Topology> = {
  dev: { name: 'dev', kafkaNodes: 1, orderers: 1, peersPerOrganization: 1, serviceReplicas: 1 },
  ha: { name: 'ha', kafkaNodes: 3, orderers: 3, peersPerOrganization: 2, serviceReplicas: 2 },
};

const isTopologyName = (value: string): value is TopologyName => (TOPOLOGY_NAMES as readonly string[]).includes(value);

/** Where `up` records the topology the data directory was made for. */
export const topologyFile = (dataDir: string) => join(dataDir, 'topology');

/**
 * GRIDLEDGER_TOPOLOGY (what `--topology` sets) if given, else the topology the data directory was
 * made for, else dev. A data directory cannot change topology: its Kafka log and channel were
 * formatted for one, so asking for the other is an error that says to reset.
 */
export function resolveTopology(env: NodeJS.ProcessEnv, dataDir: string): Topology {
  const requested = env['GRIDLEDGER_TOPOLOGY'];
  const recorded = existsSync(topologyFile(dataDir)) ? readFileSync(topologyFile(dataDir), 'utf8').trim() : undefined;
  if (requested !== undefined && requested !== '') {
    if (!isTopologyName(requested)) throw new Error(`GRIDLEDGER_TOPOLOGY (--topology) must be one of ${TOPOLOGY_NAMES.join(', ')}, got "${requested}".`);
    if (recorded !== undefined && recorded !== requested) {
      throw new Error(`This stack's data was made for the ${recorded} topology, not ${requested}: run \`npm run stack -- reset\` first (it wipes the data) to switch.`);
    }
    return TOPOLOGIES[requested];
  }
  return recorded !== undefined && isTopologyName(recorded) ? TOPOLOGIES[recorded] : TOPOLOGIES.dev;
}

export function recordTopology(dataDir: string, topology: Topology): void {
  mkdirSync(dirname(topologyFile(dataDir)), { recursive: true });
  writeFileSync(topologyFile(dataDir), `${topology.name}\n`);
}

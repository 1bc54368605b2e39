import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvePorts, type Ports } from './ports.ts';
import { resolveTopology, type Topology } from './topology.ts';
import { ordererOrganization, peerOrganizations, type OrdererOrganization, type PeerOrganization } from './organizations.ts';

export const CHANNEL_NAME = 'gridledger';
export const CHAINCODE_NAME = 'gridledger';
/** Databases created for the services, one each, so no service can read another's tables. */
export const SERVICE_DATABASES = ['identity', 'storage', 'ledger', 'access_policy', 'audit'] as const;

export interface StackPaths {
  /** GRIDLEDGER_HOME: everything the stack keeps outside the repository */
  home: string;
  /** built binaries and fetched jars, kept by `reset` */
  bin: string;
  /** state of every component, wiped by `reset` */
  data: string;
  /** pid files and logs of running components */
  run: string;
  logs: string;
  /** the repository this stack belongs to: where `npm run stack` runs */
  repo: string;
}

/**
 * Where a stack's parts are: its directories, ports, topology, organisations, channel and
 * chaincode. Everything a client derives an address or a file path from; the stack's own
 * settings (versions, chain tuning) extend it in infra/stack's StackConfig.
 */
export interface ConnectionConfig {
  paths: StackPaths;
  ports: Ports;
  orderer: OrdererOrganization;
  organizations: PeerOrganization[];
  channel: string;
  chaincode: string;
  topology: Topology;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The stack that GRIDLEDGER_HOME, GRIDLEDGER_BIN, GRIDLEDGER_TOPOLOGY and GRIDLEDGER_PORT_* name. */
export function loadConnectionConfig(env: NodeJS.ProcessEnv = process.env): ConnectionConfig {
  const home = resolve(env['GRIDLEDGER_HOME'] || join(homedir(), '.cache', 'gridledger'));
  const ports = resolvePorts(env);
  const data = join(home, 'data');
  const topology = resolveTopology(env, data);
  return {
    paths: {
      home,
      // a second stack (the ha chaos suite's) can share the first one's built binaries
      bin: resolve(env['GRIDLEDGER_BIN'] || join(home, 'bin')),
      data,
      run: join(home, 'run'),
      logs: join(home, 'run', 'logs'),
      repo: repoRoot,
    },
    ports,
    orderer: ordererOrganization(ports, topology),
    organizations: peerOrganizations(ports, topology),
    channel: CHANNEL_NAME,
    chaincode: CHAINCODE_NAME,
    topology,
  };
}

import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSIONS } from './versions.ts';
import { resolvePorts, type Ports } from './ports.ts';
import { resolveChainSettings, type ChainSettings } from './chain-settings.ts';
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
  /** the repository this stack command belongs to */
  repo: string;
}

export interface StackConfig {
  paths: StackPaths;
  versions: typeof VERSIONS;
  ports: Ports;
  orderer: OrdererOrganization;
  organizations: PeerOrganization[];
  channel: string;
  chaincode: string;
  chain: ChainSettings;
  topology: Topology;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
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
    versions: VERSIONS,
    ports,
    orderer: ordererOrganization(ports, topology),
    organizations: peerOrganizations(ports, topology),
    channel: CHANNEL_NAME,
    chaincode: CHAINCODE_NAME,
    chain: resolveChainSettings(env),
    topology,
  };
}

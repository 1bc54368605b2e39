import { REGULATOR_MSP } from '@gridledger/domain';
import type { Ports } from './ports.ts';
import type { Topology } from './topology.ts';

/** One peer node. The first of an organisation keeps the dev stack's names (`peer-grid`, `peer0.…`). */
export interface FabricPeer {
  /** component, pid-file and directory name */
  name: string;
  /** the name in its TLS certificate */
  host: string;
  port: number;
  chaincodePort: number;
  operationsPort: number;
}

/** A peer organisation: its peers (one in dev, two in ha) and one Fabric CA. */
export interface PeerOrganization {
  /** short key used in file and component names */
  key: 'grid' | 'regulator' | 'consumer';
  mspId: string;
  domain: string;
  description: string;
  peers: FabricPeer[];
  caName: string;
  caPort: number;
  caOperationsPort: number;
}

/** One etcdraft orderer. The first keeps the dev stack's names (`orderer`, `orderer.gridledger.local`). */
export interface OrdererNode {
  name: string;
  host: string;
  port: number;
  adminPort: number;
  operationsPort: number;
}

export interface OrdererOrganization {
  mspId: string;
  domain: string;
  /** one in dev, three in ha: a Raft cluster that keeps ordering with any one of them gone */
  nodes: OrdererNode[];
}

export const ORDERER_DOMAIN = 'gridledger.local';

const nth = <T>(items: readonly T[], count: number): T[] => {
  if (count > items.length) throw new Error(`the stack has ports for ${items.length} such nodes, not ${count}`);
  return items.slice(0, count);
};

export function ordererOrganization(ports: Ports, topology: Topology): OrdererOrganization {
  const all = [
    { port: ports.orderer, adminPort: ports.ordererAdmin, operationsPort: ports.ordererOperations },
    { port: ports.orderer2, adminPort: ports.orderer2Admin, operationsPort: ports.orderer2Operations },
    { port: ports.orderer3, adminPort: ports.orderer3Admin, operationsPort: ports.orderer3Operations },
  ];
  return {
    mspId: 'OrdererMSP',
    domain: ORDERER_DOMAIN,
    nodes: nth(all, topology.orderers).map((node, i) => ({
      name: i === 0 ? 'orderer' : `orderer-${i + 1}`,
      host: `${i === 0 ? 'orderer' : `orderer${i + 1}`}.${ORDERER_DOMAIN}`,
      ...node,
    })),
  };
}

function peerOrg(key: PeerOrganization['key'], mspId: string, description: string, ports: Ports, topology: Topology): PeerOrganization {
  const domain = `${key}.${ORDERER_DOMAIN}`;
  const all = [
    { port: ports[`${key}Peer`], chaincodePort: ports[`${key}PeerChaincode`], operationsPort: ports[`${key}PeerOperations`] },
    { port: ports[`${key}Peer2`], chaincodePort: ports[`${key}Peer2Chaincode`], operationsPort: ports[`${key}Peer2Operations`] },
  ];
  return {
    key,
    mspId,
    domain,
    description,
    peers: nth(all, topology.peersPerOrganization).map((peer, i) => ({
      name: i === 0 ? `peer-${key}` : `peer-${key}-${i + 1}`,
      host: `peer${i}.${domain}`,
      ...peer,
    })),
    caName: `ca-${key}`,
    caPort: ports[`${key}Ca`],
    caOperationsPort: ports[`${key}CaOperations`],
  };
}

/** An organisation's first peer: its own gateway, and where the stack's admin commands go. */
export function firstPeer(org: PeerOrganization): FabricPeer {
  const peer = org.peers[0];
  if (!peer) throw new Error(`organisation ${org.mspId} has no peer`);
  return peer;
}

export function firstOrderer(orderer: OrdererOrganization): OrdererNode {
  const node = orderer.nodes[0];
  if (!node) throw new Error('the stack has no orderer');
  return node;
}

/**
 * GridMSP holds the grid company's data owners; RegulatorMSP the regulator, which must
 * endorse supervision; ConsumerMSP the research institutes and energy-service companies
 * that buy data, so "allowed organisations" in an asset policy has real choices.
 */
export function peerOrganizations(ports: Ports, topology: Topology): PeerOrganization[] {
  return [
    peerOrg('grid', 'GridMSP', 'grid company (data owners)', ports, topology),
    peerOrg('regulator', REGULATOR_MSP, 'energy regulator', ports, topology),
    peerOrg('consumer', 'ConsumerMSP', 'data consumers (research, energy services)', ports, topology),
  ];
}

import { REGULATOR_MSP } from '@gridledger/domain';
import type { Ports } from './ports.ts';

/** A peer organisation: one peer and one Fabric CA. */
export interface PeerOrganization {
  /** short key used in file and component names */
  key: 'grid' | 'regulator' | 'consumer';
  mspId: string;
  domain: string;
  description: string;
  peerHost: string;
  peerPort: number;
  peerChaincodePort: number;
  peerOperationsPort: number;
  caName: string;
  caPort: number;
  caOperationsPort: number;
}

export interface OrdererOrganization {
  mspId: string;
  domain: string;
  host: string;
  port: number;
  adminPort: number;
  operationsPort: number;
}

export const ORDERER_DOMAIN = 'gridledger.local';

export function ordererOrganization(ports: Ports): OrdererOrganization {
  return {
    mspId: 'OrdererMSP',
    domain: ORDERER_DOMAIN,
    host: `orderer.${ORDERER_DOMAIN}`,
    port: ports.orderer,
    adminPort: ports.ordererAdmin,
    operationsPort: ports.ordererOperations,
  };
}

function peerOrg(key: PeerOrganization['key'], mspId: string, description: string, ports: Ports): PeerOrganization {
  const domain = `${key}.${ORDERER_DOMAIN}`;
  return {
    key,
    mspId,
    domain,
    description,
    peerHost: `peer0.${domain}`,
    peerPort: ports[`${key}Peer`],
    peerChaincodePort: ports[`${key}PeerChaincode`],
    peerOperationsPort: ports[`${key}PeerOperations`],
    caName: `ca-${key}`,
    caPort: ports[`${key}Ca`],
    caOperationsPort: ports[`${key}CaOperations`],
  };
}

/**
 * GridMSP holds the grid company's data owners; RegulatorMSP the regulator, which must
 * endorse supervision; ConsumerMSP the research institutes and energy-service companies
 * that buy data, so "allowed organisations" in an asset policy has real choices.
 */
export function peerOrganizations(ports: Ports): PeerOrganization[] {
  return [
    peerOrg('grid', 'GridMSP', 'grid company (data owners)', ports),
    peerOrg('regulator', REGULATOR_MSP, 'energy regulator', ports),
    peerOrg('consumer', 'ConsumerMSP', 'data consumers (research, energy services)', ports),
  ];
}

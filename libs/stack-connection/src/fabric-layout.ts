import { join } from 'node:path';
import type { ConnectionConfig } from './connection-config.ts';
import type { FabricPeer, OrdererNode, PeerOrganization } from './organizations.ts';

/** Where every Fabric artefact lives under GRIDLEDGER_HOME/data/fabric (cryptogen's own layout). */
export function fabricLayout(config: ConnectionConfig) {
  const root = join(config.paths.data, 'fabric');
  const crypto = join(root, 'crypto');
  const { domain } = config.orderer;
  const ordererOrg = join(crypto, 'ordererOrganizations', domain);
  const ordererAdmin = join(ordererOrg, 'users', `Admin@${domain}`);
  const peerOrg = (org: PeerOrganization) => join(crypto, 'peerOrganizations', org.domain);
  return {
    root,
    crypto,
    cryptoConfig: join(root, 'crypto-config.yaml'),
    configtxDir: join(root, 'configtx'),
    channelBlock: join(root, 'channel', `${config.channel}.block`),
    /** the orderer organisation: its MSP, the TLS CA every orderer's certificate chains to, its admin */
    orderer: {
      mspDir: join(ordererOrg, 'msp'),
      tlsCa: join(ordererOrg, 'tlsca', `tlsca.${domain}-cert.pem`),
      adminTlsCert: join(ordererAdmin, 'tls', 'client.crt'),
      adminTlsKey: join(ordererAdmin, 'tls', 'client.key'),
    },
    ordererNode: (node: OrdererNode) => {
      const dir = join(ordererOrg, 'orderers', node.host);
      return {
        nodeMsp: join(dir, 'msp'),
        tlsCert: join(dir, 'tls', 'server.crt'),
        tlsKey: join(dir, 'tls', 'server.key'),
        configDir: join(root, 'nodes', node.name),
        ledgerDir: join(root, 'ledgers', node.name),
      };
    },
    /** a peer organisation: its MSP, TLS CA (every peer's TLS certificate chains to it), admin and CA */
    peer: (org: PeerOrganization) => ({
      orgMspDir: join(peerOrg(org), 'msp'),
      tlsCa: join(peerOrg(org), 'tlsca', `tlsca.${org.domain}-cert.pem`),
      adminMsp: join(peerOrg(org), 'users', `Admin@${org.domain}`, 'msp'),
      caCert: join(peerOrg(org), 'ca', `ca.${org.domain}-cert.pem`),
      caKey: join(peerOrg(org), 'ca', 'priv_sk'),
      caHome: join(root, 'ca', org.key),
    }),
    peerNode: (org: PeerOrganization, peer: FabricPeer) => {
      const dir = join(peerOrg(org), 'peers', peer.host);
      return {
        nodeMsp: join(dir, 'msp'),
        tlsCert: join(dir, 'tls', 'server.crt'),
        tlsKey: join(dir, 'tls', 'server.key'),
        configDir: join(root, 'nodes', peer.name),
        ledgerDir: join(root, 'ledgers', peer.name),
      };
    },
  };
}

export type FabricLayout = ReturnType<typeof fabricLayout>;

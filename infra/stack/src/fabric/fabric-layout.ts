import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import type { PeerOrganization } from '../config/organizations.ts';

/** Where every Fabric artefact lives under GRIDLEDGER_HOME/data/fabric (cryptogen's own layout). */
export function fabricLayout(config: StackConfig) {
  const root = join(config.paths.data, 'fabric');
  const crypto = join(root, 'crypto');
  const ordererOrg = join(crypto, 'ordererOrganizations', config.orderer.domain);
  const ordererNode = join(ordererOrg, 'orderers', config.orderer.host);
  const ordererAdmin = join(ordererOrg, 'users', `Admin@${config.orderer.domain}`);
  const peerOrg = (org: PeerOrganization) => join(crypto, 'peerOrganizations', org.domain);
  return {
    root,
    crypto,
    cryptoConfig: join(root, 'crypto-config.yaml'),
    configtxDir: join(root, 'configtx'),
    channelBlock: join(root, 'channel', `${config.channel}.block`),
    orderer: {
      mspDir: join(ordererOrg, 'msp'),
      nodeMsp: join(ordererNode, 'msp'),
      tlsCert: join(ordererNode, 'tls', 'server.crt'),
      tlsKey: join(ordererNode, 'tls', 'server.key'),
      tlsCa: join(ordererNode, 'tls', 'ca.crt'),
      adminTlsCert: join(ordererAdmin, 'tls', 'client.crt'),
      adminTlsKey: join(ordererAdmin, 'tls', 'client.key'),
      configDir: join(root, 'nodes', 'orderer'),
      ledgerDir: join(root, 'ledgers', 'orderer'),
    },
    peer: (org: PeerOrganization) => {
      const node = join(peerOrg(org), 'peers', org.peerHost);
      return {
        orgMspDir: join(peerOrg(org), 'msp'),
        nodeMsp: join(node, 'msp'),
        tlsCert: join(node, 'tls', 'server.crt'),
        tlsKey: join(node, 'tls', 'server.key'),
        tlsCa: join(node, 'tls', 'ca.crt'),
        adminMsp: join(peerOrg(org), 'users', `Admin@${org.domain}`, 'msp'),
        caCert: join(peerOrg(org), 'ca', `ca.${org.domain}-cert.pem`),
        caKey: join(peerOrg(org), 'ca', 'priv_sk'),
        configDir: join(root, 'nodes', `peer-${org.key}`),
        ledgerDir: join(root, 'ledgers', `peer-${org.key}`),
        caHome: join(root, 'ca', org.key),
      };
    },
  };
}

export type FabricLayout = ReturnType<typeof fabricLayout>;

import type { FabricLayout } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';

const sig = (rule: string) => ({ Type: 'Signature', Rule: rule });
const meta = (rule: string) => ({ Type: 'ImplicitMeta', Rule: rule });

/**
 * configtx.yaml for the one application channel, created without a system channel. Every
 * orderer is a Raft consenter, and every peer an anchor peer, in the genesis block, so cross-org
 * gossip and service discovery know all of them from the first block. The batch settings are the stack's chain settings (chain-settings.ts).
 */
export function channelConfig(config: StackConfig, layout: FabricLayout): unknown {
  const ordererOrg = {
    Name: config.orderer.mspId,
    ID: config.orderer.mspId,
    MSPDir: layout.orderer.mspDir,
    Policies: {
      Readers: sig(`OR('${config.orderer.mspId}.member')`),
      Writers: sig(`OR('${config.orderer.mspId}.member')`),
      Admins: sig(`OR('${config.orderer.mspId}.admin')`),
    },
    OrdererEndpoints: config.orderer.nodes.map((node) => `127.0.0.1:${node.port}`),
  };
  const peerOrgs = config.organizations.map((org) => {
    const m = org.mspId;
    return {
      Name: m,
      ID: m,
      MSPDir: layout.peer(org).orgMspDir,
      Policies: {
        Readers: sig(`OR('${m}.admin', '${m}.peer', '${m}.client')`),
        Writers: sig(`OR('${m}.admin', '${m}.client')`),
        Admins: sig(`OR('${m}.admin')`),
        Endorsement: sig(`OR('${m}.peer')`),
      },
      AnchorPeers: org.peers.map((peer) => ({ Host: '127.0.0.1', Port: peer.port })),
    };
  });
  return {
    Profiles: {
      GridLedgerChannel: {
        Policies: { Readers: meta('ANY Readers'), Writers: meta('ANY Writers'), Admins: meta('MAJORITY Admins') },
        Capabilities: { V2_0: true },
        Orderer: {
          OrdererType: 'etcdraft',
          BatchTimeout: config.chain.batchTimeout,
          BatchSize: { MaxMessageCount: config.chain.maxMessageCount, AbsoluteMaxBytes: '10 MB', PreferredMaxBytes: '2 MB' },
          EtcdRaft: {
            Consenters: config.orderer.nodes.map((node) => ({
              Host: '127.0.0.1',
              Port: node.port,
              ClientTLSCert: layout.ordererNode(node).tlsCert,
              ServerTLSCert: layout.ordererNode(node).tlsCert,
            })),
          },
          Organizations: [ordererOrg],
          Policies: {
            Readers: meta('ANY Readers'),
            Writers: meta('ANY Writers'),
            Admins: meta('MAJORITY Admins'),
            BlockValidation: meta('ANY Writers'),
          },
          Capabilities: { V2_0: true },
        },
        Application: {
          Organizations: peerOrgs,
          Policies: {
            Readers: meta('ANY Readers'),
            Writers: meta('ANY Writers'),
            Admins: meta('MAJORITY Admins'),
            LifecycleEndorsement: meta('MAJORITY Endorsement'),
            Endorsement: meta('MAJORITY Endorsement'),
          },
          Capabilities: { V2_5: true },
        },
      },
    },
  };
}

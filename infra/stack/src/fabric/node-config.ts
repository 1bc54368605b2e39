import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fabricLayout, type FabricPeer, type OrdererNode, type PeerOrganization } from '@gridledger/stack-connection';
import { parse, stringify } from 'yaml';
import type { StackConfig } from '../config/stack-config.ts';
import type { BinaryLayout } from '../provision/binaries.ts';

type Yaml = Record<string, unknown>;

/** Sets a dotted path in a parsed YAML document, creating maps on the way. */
export function setPath(doc: Yaml, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Yaml = doc;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Yaml;
  }
  node[keys[keys.length - 1] as string] = value;
}

function fromSample(binaries: BinaryLayout, file: string, overrides: Record<string, unknown>): string {
  const doc = parse(readFileSync(join(binaries.fabricSampleConfig, file), 'utf8')) as Yaml;
  for (const [path, value] of Object.entries(overrides)) setPath(doc, path, value);
  return stringify(doc);
}

/**
 * orderer.yaml for one orderer: no system channel, channel participation API behind mutual TLS,
 * Raft between the orderers over the same TLS listener.
 */
export function writeOrdererConfig(config: StackConfig, node: OrdererNode, binaries: BinaryLayout): string {
  const layout = fabricLayout(config);
  const o = { ...layout.orderer, ...layout.ordererNode(node) };
  mkdirSync(o.configDir, { recursive: true });
  writeFileSync(
    join(o.configDir, 'orderer.yaml'),
    fromSample(binaries, 'orderer.yaml', {
      'General.ListenAddress': '127.0.0.1',
      'General.ListenPort': node.port,
      'General.TLS.Enabled': true,
      'General.TLS.PrivateKey': o.tlsKey,
      'General.TLS.Certificate': o.tlsCert,
      'General.TLS.RootCAs': [o.tlsCa],
      'General.Cluster.ClientCertificate': o.tlsCert,
      'General.Cluster.ClientPrivateKey': o.tlsKey,
      'General.BootstrapMethod': 'none',
      'General.LocalMSPDir': o.nodeMsp,
      'General.LocalMSPID': config.orderer.mspId,
      'FileLedger.Location': join(o.ledgerDir, 'blocks'),
      'Consensus.WALDir': join(o.ledgerDir, 'etcdraft', 'wal'),
      'Consensus.SnapDir': join(o.ledgerDir, 'etcdraft', 'snapshot'),
      'Admin.ListenAddress': `127.0.0.1:${node.adminPort}`,
      'Admin.TLS.Enabled': true,
      'Admin.TLS.PrivateKey': o.tlsKey,
      'Admin.TLS.Certificate': o.tlsCert,
      'Admin.TLS.RootCAs': [o.tlsCa],
      'Admin.TLS.ClientAuthRequired': true,
      'Admin.TLS.ClientRootCAs': [o.tlsCa],
      'ChannelParticipation.Enabled': true,
      'Operations.ListenAddress': `127.0.0.1:${node.operationsPort}`,
      'Metrics.Provider': 'prometheus',
    }),
  );
  return o.configDir;
}

/**
 * core.yaml for one peer. Docker is switched off (vm.endpoint empty) and the only chaincode
 * builder is the chaincode-as-a-service one, so the peer never needs Docker. Gossip starts from
 * the organisation's other peers; every peer is an org leader, pulling blocks from the orderers
 * itself, so no peer waits on its twin for blocks.
 */
export function writePeerConfig(config: StackConfig, org: PeerOrganization, peer: FabricPeer, binaries: BinaryLayout): string {
  const layout = fabricLayout(config);
  const p = { ...layout.peer(org), ...layout.peerNode(org, peer) };
  const address = `127.0.0.1:${peer.port}`;
  const twins = org.peers.filter((other) => other !== peer).map((other) => `127.0.0.1:${other.port}`);
  mkdirSync(p.configDir, { recursive: true });
  writeFileSync(
    join(p.configDir, 'core.yaml'),
    fromSample(binaries, 'core.yaml', {
      'peer.id': peer.host,
      'peer.listenAddress': address,
      'peer.address': address,
      'peer.chaincodeListenAddress': `127.0.0.1:${peer.chaincodePort}`,
      'peer.chaincodeAddress': `127.0.0.1:${peer.chaincodePort}`,
      'peer.gossip.bootstrap': twins.length > 0 ? twins : [address],
      'peer.gossip.useLeaderElection': false,
      'peer.gossip.orgLeader': true,
      'peer.gossip.endpoint': address,
      'peer.gossip.externalEndpoint': address,
      'peer.tls.enabled': true,
      'peer.tls.cert.file': p.tlsCert,
      'peer.tls.key.file': p.tlsKey,
      'peer.tls.rootcert.file': p.tlsCa,
      'peer.fileSystemPath': p.ledgerDir,
      'peer.mspConfigPath': p.nodeMsp,
      'peer.localMspId': org.mspId,
      'peer.gateway.enabled': true,
      // the ledger service pings every 10 s to notice a peer that stops answering (the default,
      // 60 s, would make the peer hang up on it for pinging too often)
      'peer.keepalive.minInterval': '5s',
      // a gateway gives up on a silent endorser (and tries another) before its client's 30 s
      // endorsement deadline, so the client hears why instead of a bare DEADLINE_EXCEEDED
      'peer.gateway.endorsementTimeout': '15s',
      'peer.gateway.concurrencyLimit': config.chain.gatewayConcurrency,
      'vm.endpoint': '',
      'chaincode.externalBuilders': [
        { name: 'ccaas', path: binaries.externalBuilder, propagateEnvironment: ['HOME', 'PATH'] },
      ],
      'ledger.state.stateDatabase': 'goleveldb',
      'ledger.history.enableHistoryDatabase': true,
      'operations.listenAddress': `127.0.0.1:${peer.operationsPort}`,
      'metrics.provider': 'prometheus',
    }),
  );
  return p.configDir;
}

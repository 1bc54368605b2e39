import { join } from 'node:path';
import { fabricLayout, type FabricPeer, firstOrderer, firstPeer, type OrdererNode, type PeerOrganization } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { runCommand, type RunResult } from '../process/run-command.ts';
import type { BinaryLayout } from '../provision/binaries.ts';

/** Runs the `peer` CLI as an organisation's admin against one of its peers (the first unless told). */
export function peerAsAdmin(config: StackConfig, binaries: BinaryLayout, org: PeerOrganization, peer: FabricPeer = firstPeer(org)) {
  const layout = fabricLayout(config);
  const p = layout.peer(org);
  const env = {
    ...process.env,
    FABRIC_CFG_PATH: layout.peerNode(org, peer).configDir,
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: p.adminMsp,
    CORE_PEER_ADDRESS: `127.0.0.1:${peer.port}`,
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: p.tlsCa,
  };
  return (args: string[], timeoutMs = 120_000): Promise<RunResult> =>
    runCommand(join(binaries.fabricBin, 'peer'), args, { env, timeoutMs });
}

/** Flags that point a `peer` command at the first orderer over TLS. */
export function ordererFlags(config: StackConfig): string[] {
  return ['-o', `127.0.0.1:${firstOrderer(config.orderer).port}`, '--tls', '--cafile', fabricLayout(config).orderer.tlsCa];
}

/** Runs `osnadmin` against one orderer with the orderer admin's mutual-TLS client certificate. */
export function osnadmin(config: StackConfig, binaries: BinaryLayout, node: OrdererNode) {
  const o = fabricLayout(config).orderer;
  return (args: string[]): Promise<RunResult> =>
    runCommand(join(binaries.fabricBin, 'osnadmin'), [
      ...args,
      '-o', `127.0.0.1:${node.adminPort}`,
      '--ca-file', o.tlsCa, '--client-cert', o.adminTlsCert, '--client-key', o.adminTlsKey,
    ], { timeoutMs: 60_000 });
}

/** osnadmin prints "Status: 200" and then a JSON body. */
export function osnadminBody<T>(stdout: string): T | undefined {
  const start = stdout.indexOf('{');
  if (start < 0) return undefined;
  return JSON.parse(stdout.slice(start)) as T;
}

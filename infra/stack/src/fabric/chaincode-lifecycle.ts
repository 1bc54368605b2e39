import { join } from 'node:path';
import { fabricLayout, firstPeer } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import type { BinaryLayout } from '../provision/binaries.ts';
import { StackError } from '../terminal/stack-error.ts';
import { ordererFlags, peerAsAdmin } from './admin-cli.ts';
import { writeCcaasPackage } from './chaincode-package.ts';

export interface CommittedDefinition {
  sequence: number;
  version: string;
}

export interface DeployResult {
  packageId: string;
  version: string;
  sequence: number;
  changed: boolean;
}

interface InstalledList {
  installed_chaincodes?: { package_id: string; label: string }[];
}

/**
 * Runs an orderer-bound lifecycle transaction, again while the orderer is still electing its
 * Raft leader: right after a fresh channel is joined it answers SERVICE_UNAVAILABLE ("no Raft
 * leader") for a second or two, which is waiting, not failure.
 */
async function whileOrdererElects<T>(send: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      const text = `${(error as Error).message} ${error instanceof StackError ? (error.hint ?? '') : ''}`;
      if (!/no Raft leader|SERVICE_UNAVAILABLE/.test(text) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** The chaincode version deployed for a source hash: short, and stable for the same sources. */
export const chaincodeVersion = (sourceHash: string): string => sourceHash.slice(0, 12);
export const chaincodeLabel = (name: string, version: string): string => `${name}_${version}`;

async function queryCommitted(config: StackConfig, binaries: BinaryLayout): Promise<CommittedDefinition | undefined> {
  const first = config.organizations[0];
  if (!first) throw new StackError('No peer organisation is configured.');
  try {
    const { stdout } = await peerAsAdmin(config, binaries, first)(['lifecycle', 'chaincode', 'querycommitted', '-C', config.channel, '-n', config.chaincode, '-O', 'json']);
    const parsed = JSON.parse(stdout) as { sequence: number; version: string };
    return { sequence: parsed.sequence, version: parsed.version };
  } catch (error) {
    if (error instanceof StackError && /not defined|404/.test(`${error.message}\n${error.hint ?? ''}`)) return undefined;
    throw error;
  }
}

/**
 * Brings the channel's chaincode definition in line with the built sources: install the
 * ccaas package on every peer of every organisation, have every organisation approve, commit with the next
 * sequence. Each step checks first, so a run that died half-way resumes where it stopped.
 */
export async function deployChaincode(config: StackConfig, binaries: BinaryLayout, sourceHash: string): Promise<DeployResult> {
  const version = chaincodeVersion(sourceHash);
  const label = chaincodeLabel(config.chaincode, version);
  const layout = fabricLayout(config);
  const packageFile = join(layout.root, 'chaincode', `${label}.tar.gz`);
  const committed = await queryCommitted(config, binaries);
  const changed = committed?.version !== version;

  let packageId: string | undefined;
  let packageWritten = false;
  for (const org of config.organizations) {
    for (const node of org.peers) {
      const peer = peerAsAdmin(config, binaries, org, node);
      const installed = JSON.parse((await peer(['lifecycle', 'chaincode', 'queryinstalled', '-O', 'json'])).stdout || '{}') as InstalledList;
      let entry = installed.installed_chaincodes?.find((c) => c.label === label);
      if (!entry) {
        if (!packageWritten) {
          await writeCcaasPackage({ label, address: `127.0.0.1:${config.ports.chaincode}` }, packageFile, join(layout.root, 'chaincode'));
          packageWritten = true;
        }
        await peer(['lifecycle', 'chaincode', 'install', packageFile]);
        const after = JSON.parse((await peer(['lifecycle', 'chaincode', 'queryinstalled', '-O', 'json'])).stdout || '{}') as InstalledList;
        entry = after.installed_chaincodes?.find((c) => c.label === label);
      }
      if (!entry) throw new StackError(`Chaincode package ${label} did not install on ${node.host}.`);
      if (packageId && packageId !== entry.package_id) {
        // packages are built fresh per run; a peer holding an older build of the same label keeps its own id
        throw new StackError(`Peers disagree on the package id for ${label}; run \`npm run stack -- reset\` to rebuild the network.`);
      }
      packageId = entry.package_id;
    }
  }
  if (!packageId) throw new StackError('No chaincode package id was found.');
  if (!changed && committed) return { packageId, version, sequence: committed.sequence, changed: false };

  const sequence = (committed?.sequence ?? 0) + 1;
  const definition = ['--channelID', config.channel, '--name', config.chaincode, '--version', version, '--sequence', String(sequence)];
  const first = config.organizations[0];
  if (!first) throw new StackError('No peer organisation is configured.');
  const readiness = JSON.parse(
    (await peerAsAdmin(config, binaries, first)(['lifecycle', 'chaincode', 'checkcommitreadiness', ...definition, '-O', 'json'])).stdout,
  ) as { approvals: Record<string, boolean> };
  for (const org of config.organizations) {
    if (readiness.approvals[org.mspId]) continue;
    await whileOrdererElects(() => peerAsAdmin(config, binaries, org)([
      'lifecycle', 'chaincode', 'approveformyorg', ...ordererFlags(config), ...definition, '--package-id', packageId, '--waitForEvent',
    ]));
  }
  const peerFlags = config.organizations.flatMap((org) => ['--peerAddresses', `127.0.0.1:${firstPeer(org).port}`, '--tlsRootCertFiles', layout.peer(org).tlsCa]);
  await whileOrdererElects(() => peerAsAdmin(config, binaries, first)(['lifecycle', 'chaincode', 'commit', ...ordererFlags(config), ...definition, ...peerFlags, '--waitForEvent']));
  return { packageId, version, sequence, changed: true };
}

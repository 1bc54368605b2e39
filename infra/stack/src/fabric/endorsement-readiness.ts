import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fabricLayout, type FabricPeer, type PeerOrganization } from '@gridledger/stack-connection';
import * as grpc from '@grpc/grpc-js';
import { connect, signers } from '@hyperledger/fabric-gateway';
import type { StackConfig } from '../config/stack-config.ts';
import { StackError } from '../terminal/stack-error.ts';
import { orgAdminIdentity } from './org-admin-identity.ts';

/** Endorses (never submits) a read-only proposal through one peer's gateway, as its organisation's admin. */
async function canEndorse(config: StackConfig, org: PeerOrganization, peer: FabricPeer): Promise<string | undefined> {
  const p = fabricLayout(config).peer(org);
  const admin = orgAdminIdentity(config, org);
  const client = new grpc.Client(`127.0.0.1:${peer.port}`, grpc.credentials.createSsl(readFileSync(p.tlsCa)), {
    'grpc.ssl_target_name_override': peer.host,
  });
  const gateway = connect({
    client,
    identity: { mspId: org.mspId, credentials: readFileSync(admin.certPath) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(admin.keyPath))),
    endorseOptions: () => ({ deadline: Date.now() + 5000 }),
  });
  try {
    await gateway.getNetwork(config.channel).getContract(config.chaincode, 'system').newProposal('GetVersion').endorse();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    gateway.close();
    client.close();
  }
}

/**
 * Healthy processes are not yet a working network: after a restart each peer's gateway learns
 * the other organisations' peers through gossip, and until then it cannot plan an endorsement
 * that satisfies the channel's majority policy. `up` waits for that, through every peer.
 */
export async function waitForEndorsement(config: StackConfig, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const org of config.organizations) {
    for (const peer of org.peers) {
      for (;;) {
        const problem = await canEndorse(config, org, peer);
        if (!problem) break;
        if (Date.now() > deadline) throw new StackError(`${peer.host} could not endorse a transaction within ${timeoutMs / 1000} s.`, problem);
        await sleep(500);
      }
    }
  }
}

import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, signers, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import type { TestIdentity } from './fabric-identities.ts';
import { organization, stackConnections } from './stack-connections.ts';

export interface GatewayConnection {
  gateway: Gateway;
  contract(name?: string): Contract;
  close(): void;
}

/** A Fabric Gateway connection to the identity's own organisation's peer, signing as that identity. */
export function connectGateway(identity: TestIdentity): GatewayConnection {
  const org = organization(identity.mspId);
  const client = new grpc.Client(org.peerEndpoint, grpc.credentials.createSsl(readFileSync(org.peerTlsRootCertPath)), {
    'grpc.ssl_target_name_override': org.peerHostAlias,
  });
  const gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) },
    signer: signers.newPrivateKeySigner(createPrivateKey(identity.privateKeyPem)),
    // deadlines on every call: a stuck peer fails the test instead of hanging it
    evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 10_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  const { channel, chaincode } = stackConnections().fabric;
  const network = gateway.getNetwork(channel);
  return {
    gateway,
    contract: (name?: string) => network.getContract(chaincode, name),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

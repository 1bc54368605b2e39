import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, signers, type ConnectOptions, type Gateway, type Identity } from '@hyperledger/fabric-gateway';
import type { Organization } from './organizations.ts';
import { LedgerError } from '../common/ledger-error.ts';

/** Every Gateway call has a deadline: a hung peer or orderer must not hold a command forever. */
const DEADLINES: Pick<ConnectOptions, 'evaluateOptions' | 'endorseOptions' | 'submitOptions' | 'commitStatusOptions'> = {
  evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
  endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
  submitOptions: () => ({ deadline: Date.now() + 10_000 }),
  commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
};

/**
 * One gRPC connection per organisation's peer, shared by every gateway made on it: a gateway is
 * a light object (an identity and a signer), the connection is what costs.
 */
export class FabricPeers {
  private readonly clients = new Map<string, grpc.Client>();
  private readonly serviceGateways = new Map<string, Gateway>();
  private readonly byMsp: Map<string, Organization>;

  constructor(readonly organizations: readonly Organization[]) {
    this.byMsp = new Map(organizations.map((org) => [org.mspId, org]));
  }

  organization(mspId: string): Organization {
    const org = this.byMsp.get(mspId);
    if (!org) throw new LedgerError('UNKNOWN_ORGANIZATION', `no peer is configured for organisation ${mspId}`);
    return org;
  }

  /** A gateway for a caller whose every signature is made elsewhere (offline signing). */
  unsignedGateway(identity: Identity): Gateway {
    return connect({ client: this.client(identity.mspId), identity, ...DEADLINES });
  }

  /** The gateway signing as the ledger service's own identity in that organisation (kept open). */
  serviceGateway(mspId: string): Gateway {
    let gateway = this.serviceGateways.get(mspId);
    if (!gateway) {
      const org = this.organization(mspId);
      gateway = connect({
        client: this.client(mspId),
        identity: { mspId, credentials: readFileSync(org.serviceCert) },
        signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(org.serviceKey))),
        ...DEADLINES,
      });
      this.serviceGateways.set(mspId, gateway);
    }
    return gateway;
  }

  close(): void {
    for (const gateway of this.serviceGateways.values()) gateway.close();
    this.serviceGateways.clear();
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private client(mspId: string): grpc.Client {
    let client = this.clients.get(mspId);
    if (!client) {
      const org = this.organization(mspId);
      client = new grpc.Client(org.peerEndpoint, grpc.credentials.createSsl(readFileSync(org.peerTlsRootCert)), {
        'grpc.ssl_target_name_override': org.peerHostAlias,
      });
      this.clients.set(mspId, client);
    }
    return client;
  }
}

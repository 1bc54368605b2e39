import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { fabricMessageSigner } from '@gridledger/service-auth';
import { connect, hash, type ConnectOptions, type Gateway, type Identity, type Network } from '@hyperledger/fabric-gateway';
import type { Organization } from './organizations.ts';
import { LedgerError } from '../common/ledger-error.ts';
import { isUnanswered } from './fabric-errors.ts';
import { PeerRoute, type PeerEndpoint } from './peer-route.ts';

/** Every Gateway call has a deadline: a hung peer or orderer must not hold a command forever. */
const DEADLINES: Pick<ConnectOptions, 'evaluateOptions' | 'endorseOptions' | 'submitOptions' | 'commitStatusOptions'> = {
  evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
  endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
  submitOptions: () => ({ deadline: Date.now() + 10_000 }),
  commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
};

/**
 * The gateways hash nothing: every signer gets the message itself (a proposal's or a
 * transaction's bytes to sign) and signs it with OpenSSL, or passes it to the identity service.
 */
const SIGN_WHOLE_MESSAGES: Pick<ConnectOptions, 'hash'> = { hash: hash.none };

/**
 * A peer that stops answering (paused, or its host gone without closing the connection) is
 * noticed within keepalive time + timeout, about 15 s, instead of when each call's deadline
 * passes; its streams break and resume through a fallback. The peers must permit it: their
 * `peer.keepalive.minInterval` must be at most this interval.
 */
const KEEPALIVE: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
};

/**
 * The ledger's connections to the peers. Each organisation has a route: its own peer, then its
 * fallbacks. One gRPC connection per peer, shared by every gateway made on it (a gateway is a
 * light object, an identity and a signer; the connection is what costs).
 */
export class FabricPeers {
  private readonly routes = new Map<string, PeerRoute<grpc.Client>>();
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

  /**
   * Runs `use` on a gateway, for a caller whose every signature is made elsewhere (offline
   * signing), through the organisation's first peer that answers.
   */
  async withUnsignedGateway<T>(identity: Identity, use: (gateway: Gateway) => Promise<T>): Promise<T> {
    const { client, endpoint } = this.route(identity.mspId).pick();
    const gateway = connect({ client, identity, ...SIGN_WHOLE_MESSAGES, ...DEADLINES });
    try {
      return await this.noting(identity.mspId, endpoint, () => use(gateway));
    } finally {
      gateway.close();
    }
  }

  /** Runs `use` on the gateway signing as the ledger service's own identity in that organisation. */
  withServiceGateway<T>(mspId: string, use: (gateway: Gateway) => Promise<T>): Promise<T> {
    const { gateway, endpoint } = this.serviceGateway(mspId);
    return this.noting(mspId, endpoint, () => use(gateway));
  }

  /** The channel as the service's identity, through the peer answering now: for block and event streams. */
  serviceNetwork(mspId: string, channel: string): Network {
    return this.serviceGateway(mspId).gateway.getNetwork(channel);
  }

  /** Calls routed through each peer, by organisation, for /metrics. */
  gatewayCalls(): { mspId: string; peer: string; calls: number }[] {
    return [...this.routes].flatMap(([mspId, route]) => route.calls().map((c) => ({ mspId, ...c })));
  }

  close(): void {
    for (const gateway of this.serviceGateways.values()) gateway.close();
    this.serviceGateways.clear();
    for (const route of this.routes.values()) route.close();
    this.routes.clear();
  }

  private serviceGateway(mspId: string): { gateway: Gateway; endpoint: PeerEndpoint } {
    const { client, endpoint } = this.route(mspId).pick();
    const key = `${mspId} ${endpoint.peerEndpoint}`;
    let gateway = this.serviceGateways.get(key);
    if (!gateway) {
      const org = this.organization(mspId);
      gateway = connect({
        client,
        identity: { mspId, credentials: readFileSync(org.serviceCert) },
        signer: fabricMessageSigner(createPrivateKey(readFileSync(org.serviceKey))),
        ...SIGN_WHOLE_MESSAGES,
        ...DEADLINES,
      });
      this.serviceGateways.set(key, gateway);
    }
    return { gateway, endpoint };
  }

  /** A peer that did not answer is passed over for a while; the error goes on to the caller's retry. */
  private async noting<T>(mspId: string, endpoint: PeerEndpoint, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isUnanswered(error)) this.route(mspId).unreachable(endpoint);
      throw error;
    }
  }

  private route(mspId: string): PeerRoute<grpc.Client> {
    let route = this.routes.get(mspId);
    if (!route) {
      const org = this.organization(mspId);
      route = new PeerRoute([org, ...org.fallbackPeers], (peer) =>
        new grpc.Client(peer.peerEndpoint, grpc.credentials.createSsl(readFileSync(peer.peerTlsRootCert)), { 'grpc.ssl_target_name_override': peer.peerHostAlias, ...KEEPALIVE }),
      );
      this.routes.set(mspId, route);
    }
    return route;
  }
}

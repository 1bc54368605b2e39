import * as grpc from '@grpc/grpc-js';

export interface PeerEndpoint {
  /** host:port */
  peerEndpoint: string;
  /** the name in the peer's TLS certificate */
  peerHostAlias: string;
  peerTlsRootCert: string;
}

/** What a route needs of a gRPC client: its connection state, and a way to wake an idle one. */
export interface RoutedClient {
  getChannel(): Pick<grpc.Channel, 'getConnectivityState'>;
  close(): void;
}

export interface RouteClock {
  now(): number;
}

/**
 * How long a gateway peer that failed to answer is passed over. Long enough that a paused or
 * dead peer does not take one command in every few, short enough that traffic returns soon after
 * the peer does (its connection, kept alive in the background, is READY again by then).
 */
export const UNREACHABLE_COOL_DOWN_MS = 15_000;

interface Hop<C extends RoutedClient> {
  endpoint: PeerEndpoint;
  client: C;
  unreachableUntil: number;
  calls: number;
}

/**
 * The gateway peers one organisation's transactions may go through: its own peer first, then
 * fallbacks (its second peer, or another organisation's peer acting as a gateway; endorsement
 * still follows the chaincode's policy, whichever peer gathers it). A hop is used when its
 * connection is READY, or could be (IDLE), and it has not failed to answer recently; when no hop
 * qualifies the organisation's own peer is used, so calls queue there rather than fail.
 */
export class PeerRoute<C extends RoutedClient = RoutedClient> {
  private readonly hops: Hop<C>[];

  constructor(
    endpoints: readonly PeerEndpoint[],
    connect: (endpoint: PeerEndpoint) => C,
    private readonly clock: RouteClock = Date,
  ) {
    if (endpoints.length === 0) throw new Error('a peer route needs at least one peer');
    this.hops = endpoints.map((endpoint) => ({ endpoint, client: connect(endpoint), unreachableUntil: 0, calls: 0 }));
    // every hop connects now, so a fallback is READY the moment the first peer stops answering
    this.wake();
  }

  /**
   * The hop for the next call: the first, in order, that answered lately and whose connection is
   * up or idle. A connection stuck CONNECTING (a paused peer accepts TCP but never finishes TLS)
   * or in TRANSIENT_FAILURE is passed over.
   */
  pick(): { endpoint: PeerEndpoint; client: C } {
    const now = this.clock.now();
    const ready = (hop: Hop<C>) => {
      const state = hop.client.getChannel().getConnectivityState(false);
      return state === grpc.connectivityState.READY || state === grpc.connectivityState.IDLE;
    };
    const hop = this.hops.find((h) => h.unreachableUntil <= now && ready(h)) ?? (this.hops[0] as Hop<C>);
    this.wake();
    hop.calls += 1;
    return { endpoint: hop.endpoint, client: hop.client };
  }

  /** The peer at `endpoint` did not answer (it was out of reach or too slow): pass it over a while. */
  unreachable(endpoint: PeerEndpoint): void {
    const hop = this.hops.find((h) => h.endpoint === endpoint);
    if (hop) hop.unreachableUntil = this.clock.now() + UNREACHABLE_COOL_DOWN_MS;
  }

  /** Calls routed through each peer since start, for /metrics. */
  calls(): { peer: string; calls: number }[] {
    return this.hops.map((hop) => ({ peer: hop.endpoint.peerEndpoint, calls: hop.calls }));
  }

  /** Idle connections (never used, or dropped) reconnect in the background, to be READY when needed. */
  private wake(): void {
    for (const hop of this.hops) if (hop.client.getChannel().getConnectivityState(false) === grpc.connectivityState.IDLE) hop.client.getChannel().getConnectivityState(true);
  }

  close(): void {
    for (const hop of this.hops) hop.client.close();
  }
}

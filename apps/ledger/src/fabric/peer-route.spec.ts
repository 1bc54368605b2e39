import { connectivityState } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { PeerRoute, UNREACHABLE_COOL_DOWN_MS, type PeerEndpoint } from './peer-route.ts';

const peer = (name: string): PeerEndpoint => ({ peerEndpoint: `${name}:7051`, peerHostAlias: name, peerTlsRootCert: `${name}.pem` });

/** A client whose connection state the test sets; asking it to connect moves IDLE to CONNECTING. */
class FakeClient {
  state: connectivityState = connectivityState.IDLE;
  woken = 0;
  getChannel() {
    return {
      getConnectivityState: (tryToConnect: boolean) => {
        if (tryToConnect && this.state === connectivityState.IDLE) {
          this.woken += 1;
          this.state = connectivityState.CONNECTING;
        }
        return this.state;
      },
    };
  }
  closed = false;
  close() {
    this.closed = true;
  }
}

function route(names: string[]) {
  const clients = new Map<string, FakeClient>();
  const clock = { t: 1_000_000, now() { return this.t; } };
  const endpoints = names.map(peer);
  const r = new PeerRoute(endpoints, (endpoint) => {
    const client = new FakeClient();
    clients.set(endpoint.peerHostAlias, client);
    return client;
  }, clock);
  const c = (name: string) => clients.get(name) as FakeClient;
  return { r, c, clock, endpoints };
}

const picked = (r: PeerRoute) => r.pick().endpoint.peerHostAlias;

describe('PeerRoute', () => {
  it('connects every peer at once, and uses the organisation\'s own peer while it is up', () => {
    const { r, c } = route(['own', 'other']);
    expect(c('own').woken).toBe(1);
    expect(c('other').woken).toBe(1);
    c('own').state = connectivityState.READY;
    c('other').state = connectivityState.READY;
    expect(picked(r)).toBe('own');
  });

  it('goes through the fallback while its own peer is stuck connecting or failing, and returns when it is back', () => {
    const { r, c } = route(['own', 'other']);
    c('other').state = connectivityState.READY;
    c('own').state = connectivityState.CONNECTING;
    expect(picked(r)).toBe('other');
    c('own').state = connectivityState.TRANSIENT_FAILURE;
    expect(picked(r)).toBe('other');
    c('own').state = connectivityState.READY;
    expect(picked(r)).toBe('own');
  });

  it('passes over a peer that did not answer for the cool-down, even though its connection looks READY', () => {
    const { r, c, clock, endpoints } = route(['own', 'other', 'third']);
    for (const name of ['own', 'other', 'third']) c(name).state = connectivityState.READY;
    r.unreachable(endpoints[0] as PeerEndpoint);
    expect(picked(r)).toBe('other');
    r.unreachable(endpoints[1] as PeerEndpoint);
    expect(picked(r)).toBe('third');
    clock.t += UNREACHABLE_COOL_DOWN_MS;
    expect(picked(r)).toBe('own');
  });

  it('falls back on its own peer when nothing answers, so calls queue there instead of failing', () => {
    const { r, c, endpoints } = route(['own', 'other']);
    c('own').state = connectivityState.TRANSIENT_FAILURE;
    c('other').state = connectivityState.CONNECTING;
    r.unreachable(endpoints[1] as PeerEndpoint);
    expect(picked(r)).toBe('own');
  });

  it('wakes a dropped (idle) connection so it is READY when needed, and counts calls per peer', () => {
    const { r, c } = route(['own', 'other']);
    c('own').state = connectivityState.READY;
    c('other').state = connectivityState.IDLE;
    picked(r);
    picked(r);
    expect(c('other').woken).toBe(2);
    expect(r.calls()).toEqual([{ peer: 'own:7051', calls: 2 }, { peer: 'other:7051', calls: 0 }]);
  });

  it('needs at least one peer', () => {
    expect(() => new PeerRoute([], () => new FakeClient())).toThrow(/at least one peer/);
  });
});

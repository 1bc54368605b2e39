import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

// RFC 9110 §7.6.1: connection-specific, never forwarded
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);
// the browser must not speak for another user nor carry credentials the services do not use
const NEVER_FROM_BROWSER = new Set(['x-gridledger-user', 'x-gridledger-attestation', 'cookie', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto']);

/**
 * The request headers an upstream gets: the browser's, less hop-by-hop and identity-bearing ones.
 * The user's own access token goes through as it came, to the ledger too: the entry holds no
 * credential of its own that could speak for a user.
 */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, remoteAddress: string | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || NEVER_FROM_BROWSER.has(name)) continue;
    headers[name] = value;
  }
  if (remoteAddress) headers['x-forwarded-for'] = remoteAddress;
  return headers;
}

/** The response headers the browser gets: the upstream's, less hop-by-hop ones. */
export function browserResponseHeaders(upstream: IncomingHttpHeaders): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = value;
  }
  return headers;
}

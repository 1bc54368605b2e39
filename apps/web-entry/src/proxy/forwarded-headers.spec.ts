import { describe, expect, it } from 'vitest';
import { browserResponseHeaders, upstreamRequestHeaders } from './forwarded-headers.ts';

describe('upstreamRequestHeaders', () => {
  it('drops hop-by-hop headers and any user header the browser sent', () => {
    const headers = upstreamRequestHeaders({ host: 'x', connection: 'keep-alive', 'x-gridledger-user': 'someone-else', authorization: 'Bearer user-jwt', 'content-length': '12' }, '127.0.0.1');
    expect(headers).toEqual({ authorization: 'Bearer user-jwt', 'content-length': '12', 'x-forwarded-for': '127.0.0.1' });
  });

  it("passes the user's own token on and drops what only a service may send", () => {
    const headers = upstreamRequestHeaders({ authorization: 'Bearer user-jwt', 'x-gridledger-user': 'forged', 'x-gridledger-attestation': 'forged.jws.x' }, undefined);
    expect(headers).toEqual({ authorization: 'Bearer user-jwt' });
  });
});

describe('browserResponseHeaders', () => {
  it('keeps content headers and drops connection ones', () => {
    expect(browserResponseHeaders({ 'content-type': 'text/csv', 'transfer-encoding': 'chunked', connection: 'close' })).toEqual({ 'content-type': 'text/csv' });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerQueryClient, LedgerRefusalError, LedgerUnavailableError } from './ledger-query-client.ts';

// a stand-in for the ledger's HTTP API: what it answers decides what the client must throw
let server: Server;
let url: string;
const seen: { path: string; authorization?: string; user?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization, user: req.headers['x-gridledger-user'] as string | undefined });
    const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/assets/a1') return reply(200, { id: 'a1' });
    if (req.url === '/assets/missing') return reply(404, { code: 'NOT_FOUND', message: 'asset missing does not exist' });
    if (req.url === '/assets/broken') return reply(500, { message: 'peer down' });
    return res.writeHead(403).end('not json');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('LedgerQueryClient', () => {
  const client = () => new LedgerQueryClient({ ledgerUrl: url, serviceToken: 's'.repeat(40) });

  it('sends the service credential, and the user only when asked to evaluate as one', async () => {
    await expect(client().get('/assets/a1', 'user-1')).resolves.toEqual({ id: 'a1' });
    await client().get('/assets/a1');
    expect(seen.slice(-2)).toEqual([
      { path: '/assets/a1', authorization: `Bearer ${'s'.repeat(40)}`, user: 'user-1' },
      { path: '/assets/a1', authorization: `Bearer ${'s'.repeat(40)}`, user: undefined },
    ]);
  });

  it("passes the chain's refusal on with its code and status", async () => {
    const error = await client().get('/assets/missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerRefusalError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'asset missing does not exist' });
    await expect(client().get('/other')).rejects.toMatchObject({ code: 'LEDGER_REFUSED', status: 403 });
  });

  it('reports a failing or unreachable ledger as unavailable', async () => {
    await expect(client().get('/assets/broken')).rejects.toBeInstanceOf(LedgerUnavailableError);
    const down = new LedgerQueryClient({ ledgerUrl: 'http://127.0.0.1:1', serviceToken: 'x' });
    await expect(down.get('/assets/a1')).rejects.toBeInstanceOf(LedgerUnavailableError);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateServiceKeyPair, ServiceCredential, ServiceKeyRegistry, verifyAttestation, verifyServiceToken } from '@gridledger/service-auth';
import { LedgerQueryClient, LedgerRefusalError, LedgerUnavailableError } from './ledger-query-client.ts';

const keys = generateServiceKeyPair();
const credential = ServiceCredential.fromPem('storage', keys.privateKeyPem);
const registry = ServiceKeyRegistry.fromJwks({ storage: keys.publicJwk });

// a stand-in for the ledger's HTTP API: what it answers decides what the client must throw
let server: Server;
let url: string;
const seen: { path: string; authorization?: string; user?: string; attestation?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization, user: req.headers['x-gridledger-user'] as string | undefined, attestation: req.headers['x-gridledger-attestation'] as string | undefined });
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
  const client = () => new LedgerQueryClient({ ledgerUrl: url, credential });

  it('sends its own service token, and attests a read only when it reads as a user', async () => {
    await expect(client().get('/assets/a1', '0b6e3a52-8d3f-4c8e-9a55-3f0e6c1d2b7a')).resolves.toEqual({ id: 'a1' });
    await client().get('/assets/a1');
    const [asUser, asService] = seen.slice(-2);
    for (const request of [asUser, asService]) {
      await expect(verifyServiceToken(request?.authorization, { registry, audience: 'ledger', accept: ['storage'] })).resolves.toBe('storage');
    }
    expect(asUser?.user).toBe('0b6e3a52-8d3f-4c8e-9a55-3f0e6c1d2b7a');
    const read = { userId: '0b6e3a52-8d3f-4c8e-9a55-3f0e6c1d2b7a', mspId: null, channel: 'gridledger', chaincode: 'gridledger', contract: 'query', transaction: 'Read', arguments: [] };
    await expect(verifyAttestation(asUser?.attestation, read, { registry })).resolves.toMatchObject({ service: 'storage' });
    expect(asService?.user).toBeUndefined();
    expect(asService?.attestation).toBeUndefined();
  });

  it("passes the chain's refusal on with its code and status", async () => {
    const error = await client().get('/assets/missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerRefusalError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'asset missing does not exist' });
    await expect(client().get('/other')).rejects.toMatchObject({ code: 'LEDGER_REFUSED', status: 403 });
  });

  it('reports a failing or unreachable ledger as unavailable', async () => {
    await expect(client().get('/assets/broken')).rejects.toBeInstanceOf(LedgerUnavailableError);
    const down = new LedgerQueryClient({ ledgerUrl: 'http://127.0.0.1:1', credential });
    await expect(down.get('/assets/a1')).rejects.toBeInstanceOf(LedgerUnavailableError);
  });
});

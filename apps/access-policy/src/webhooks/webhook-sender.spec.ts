import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyDelivery } from './webhook-signature.ts';
import { sendDelivery } from './webhook-sender.ts';
import type { Resolve } from './webhook-url.ts';

const dev = { allowLoopback: true, allowedCidrs: [] };
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A receiver on loopback answering `status` (and `location`), after `delayMs`. */
async function receiver(status: number, delayMs = 0): Promise<{ port: number; seen: { host: string | undefined; headers: IncomingHttpHeaders; body: string }[] }> {
  const seen: { host: string | undefined; headers: IncomingHttpHeaders; body: string }[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ host: request.headers.host, headers: request.headers, body });
      setTimeout(() => response.writeHead(status, { location: 'http://127.0.0.1:1/elsewhere' }).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

describe('sendDelivery', () => {
  it('posts the body signed over its timestamp, with the delivery id, to the address it checked', async () => {
    const { port, seen } = await receiver(204);
    // the name resolves to loopback now: the connection goes to that checked address, never a second lookup's
    const resolve: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const result = await sendDelivery({ id: 'd-1', url: `http://localhost:${port}/in`, secret: 'whsec_x', body: '{"a":1}' }, dev, 2_000, resolve);
    expect(result).toMatchObject({ statusCode: 204, error: null });
    const [request] = seen;
    expect(request?.host).toBe(`localhost:${port}`);
    expect(request?.body).toBe('{"a":1}');
    expect(request?.headers['x-gridledger-delivery']).toBe('d-1');
    const signed = { timestamp: request?.headers['x-gridledger-timestamp'] as string, signature: request?.headers['x-gridledger-signature'] as string };
    expect(verifyDelivery('whsec_x', signed, '{"a":1}', Math.floor(Date.now() / 1000))).toBe(true);
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const { port, seen } = await receiver(302);
    expect(await sendDelivery({ id: 'd-2', url: `http://127.0.0.1:${port}/in`, secret: 's', body: '{}' }, dev, 2_000)).toMatchObject({ statusCode: 302 });
    expect(seen).toHaveLength(1);
  });

  it('gives up after the timeout, and reports a refused connection', async () => {
    const { port } = await receiver(200, 1_000);
    expect(await sendDelivery({ id: 'd-3', url: `http://127.0.0.1:${port}/in`, secret: 's', body: '{}' }, dev, 200)).toMatchObject({ statusCode: null, error: 'timed out after 200 ms' });
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    expect(await sendDelivery({ id: 'd-4', url: `http://127.0.0.1:${port}/in`, secret: 's', body: '{}' }, dev, 1_000)).toMatchObject({ statusCode: null, error: 'ECONNREFUSED' });
  });

  it('sends nothing to a name that now resolves into a forbidden range', async () => {
    const rebound: Resolve = async () => [{ address: '169.254.169.254', family: 4 }];
    expect(await sendDelivery({ id: 'd-5', url: 'https://hooks.example.org/in', secret: 's', body: '{}' }, dev, 1_000, rebound)).toMatchObject({ statusCode: null, error: expect.stringContaining('refused: the URL points to 169.254.169.254') });
  });
});

import { randomBytes } from 'node:crypto';
import { loadConnectionConfig, type PlatformEndpoints, serviceDatabaseUrl } from '@gridledger/stack-connection';
import { generateRecipientKeyPair } from '@gridledger/file-crypto';
import { call, eventually, ownerAndFundedConsumer, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TICKET = 'x-download-ticket';

/**
 * A download is counted when it completes: broken transfers cost nothing until resumed to the
 * end (or left to expire after serving bytes), resumes use Range on the download's ticket, and
 * neither parallel starts nor endless re-reads of one ticket get more than the grant allows.
 */
describe('downloads that break and resume', () => {
  let endpoints: PlatformEndpoints;
  let token: Record<'owner' | 'consumer', string>;
  let assetId: string;
  let requestId: string;
  let storageDb: pg.Pool;
  // more than the sockets between the service and this client can ever buffer (Linux's largest
  // receive and send buffers are 32 and 4 MiB by default): a transfer broken off early really
  // stops the service before the file's end, rather than the whole file having been handed to
  // the kernel already, which the service could not tell from a completed transfer
  const content = randomBytes(48 * 1024 * 1024 + 123);
  const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 2 };

  const contentUrl = () => `${endpoints.storageUrl}/files/${assetId}/content`;
  const grant = async () => (await call(endpoints.ledgerUrl, 'GET', `/requests/${requestId}`, token['consumer'])).body['grant'] as { used: number; downloads: number };
  const get = (headers: Record<string, string> = {}, signal?: AbortSignal) => fetch(contentUrl(), { headers: { authorization: `Bearer ${token['consumer']}`, ...headers }, ...(signal ? { signal } : {}) });
  const codeOf = async (response: Response) => ((await response.json()) as { code?: string }).code;

  /** Starts a download and breaks it off after `atLeast` bytes: what arrived, and the ticket. */
  async function breakOff(atLeast: number): Promise<{ received: Buffer; ticket: string }> {
    const abort = new AbortController();
    const response = await get({}, abort.signal);
    expect(response.status).toBe(200);
    const ticket = response.headers.get(TICKET) ?? '';
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const parts: Buffer[] = [];
    let size = 0;
    while (size < atLeast) {
      const { value, done } = await reader.read();
      if (done) break;
      parts.push(Buffer.from(value));
      size += value.length;
    }
    abort.abort();
    await reader.cancel().catch(() => undefined);
    return { received: Buffer.concat(parts), ticket };
  }

  beforeAll(async () => {
    endpoints = startPlatformServices();
    ({ token } = await ownerAndFundedConsumer(endpoints, 100));
    const file = await uploadAndAnchor(endpoints, token['owner'] ?? '', { title: 'Feeder load curve', category: 'load-curve', sensitivity: 'internal', priceCredits: 5, policy }, content, 'feeder.bin');
    assetId = String(file['assetId']);
    const requested = await call(endpoints.accessPolicyUrl, 'POST', '/requests', token['consumer'], { assetId, purpose: 'research', durationSeconds: 3600 });
    requestId = String(requested.body['id']);
    expect((await call(endpoints.accessPolicyUrl, 'POST', `/requests/${requestId}/approve`, token['owner'], { reason: 'ok' })).body).toMatchObject({ status: 'granted' });
    storageDb = new pg.Pool({ connectionString: serviceDatabaseUrl(loadConnectionConfig(), 'storage'), max: 1 });
  }, 600_000);

  afterAll(async () => {
    await storageDb?.end();
  });

  it('a transfer that breaks costs nothing; resumed with Range on its ticket it completes, and is counted once', async () => {
    const { received, ticket } = await breakOff(256 * 1024);
    expect(received.length).toBeGreaterThanOrEqual(256 * 1024);
    expect(received.length).toBeLessThan(content.length);
    expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(await grant()).toMatchObject({ used: 0, downloads: 0 });

    const rest = await get({ range: `bytes=${received.length}-`, [TICKET]: ticket });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${received.length}-${content.length - 1}/${content.length}`);
    const whole = Buffer.concat([received, Buffer.from(await rest.arrayBuffer())]);
    expect(whole.equals(content)).toBe(true);
    expect(await grant()).toMatchObject({ used: 1, downloads: 1 });

    // the finished download read again on its ticket: paid for already
    const again = await get({ range: 'bytes=0-99', [TICKET]: ticket });
    expect(again.status).toBe(206);
    expect(Buffer.from(await again.arrayBuffer()).equals(content.subarray(0, 100))).toBe(true);
    expect(await grant()).toMatchObject({ used: 1, downloads: 1 });
  });

  it("an unfinished download holds the grant's last unit: no parallel start, no key release takes it", async () => {
    const { ticket } = await breakOff(64 * 1024);
    const second = await get();
    expect(second.status).toBe(409);
    expect(await codeOf(second)).toBe('DOWNLOADS_IN_PROGRESS');
    const release = await call(endpoints.storageUrl, 'POST', `/files/${assetId}/key-release`, token['consumer'], { publicKey: generateRecipientKeyPair().publicKeyPem });
    expect(release.body).toMatchObject({ statusCode: 409, code: 'DOWNLOADS_IN_PROGRESS' });
    expect(await grant()).toMatchObject({ used: 1 });

    // nor can the ticket be read again and again without reaching the end
    const almostAll = { range: `bytes=0-${content.length - 2}`, [TICKET]: ticket };
    const first = await get(almostAll);
    expect(first.status).toBe(206);
    expect((await first.arrayBuffer()).byteLength).toBe(content.length - 1);
    const spent = await get(almostAll);
    expect(spent.status).toBe(403);
    expect(await codeOf(spent)).toBe('TICKET_SPENT');
    expect(await grant()).toMatchObject({ used: 1 });
  });

  it('a ticket that expires after serving bytes is charged; it cannot be resumed, and bad tickets and ranges are refused', async () => {
    const { rows } = await storageDb.query<{ id: string }>("update download_tickets set expires_at = now() - interval '1 second' where request_id = $1 and state = 'open' returning id", [requestId]);
    expect(rows).toHaveLength(1);
    const charged = await eventually(() => call(endpoints.ledgerUrl, 'GET', `/requests/${requestId}`, token['consumer']), (a) => (a.body['grant'] as { used: number }).used === 2, 'the expired ticket charged on chain', 60_000);
    expect(charged.body['grant']).toMatchObject({ used: 2, downloads: 2 });
    const expired = await get({ range: 'bytes=10-', [TICKET]: rows[0]?.id ?? '' });
    expect(expired.status).toBe(410);
    expect(await codeOf(expired)).toBe('TICKET_EXPIRED');

    const ownerRange = await fetch(contentUrl(), { headers: { authorization: `Bearer ${token['owner']}`, range: 'bytes=5-9,20-30' } });
    expect(ownerRange.status).toBe(416);
    expect(ownerRange.headers.get('content-range')).toBe(`bytes */${content.length}`);
    expect(await codeOf(ownerRange)).toBe('RANGE_NOT_SATISFIABLE');
    const ownerTail = await fetch(contentUrl(), { headers: { authorization: `Bearer ${token['owner']}`, range: 'bytes=-10' } });
    expect(ownerTail.status).toBe(206);
    expect(Buffer.from(await ownerTail.arrayBuffer()).equals(content.subarray(content.length - 10))).toBe(true);
    const unknown = await get({ [TICKET]: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(await codeOf(unknown)).toBe('TICKET_NOT_FOUND');
  });
});

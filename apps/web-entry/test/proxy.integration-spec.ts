import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserVerifier } from '../src/auth/user-verifier.ts';
import { loadEntryConfig } from '../src/config/entry-config.ts';
import { RecentErrors } from '../src/ops/recent-errors.ts';
import { ThroughputMeter } from '../src/ops/throughput-meter.ts';
import { ApiProxy } from '../src/proxy/api-proxy.ts';

/**
 * The entry's forwarding on real sockets, against a stand-in upstream that plays every service:
 * it serves a JWKS, counts the bytes it is sent and echoes the headers it got. No platform needed.
 */
describe('the public entry forwards', () => {
  let upstream: Server;
  let entry: Server;
  let entryUrl: string;
  let token: string;
  const meter = new ThroughputMeter();
  const seen: { headers: IncomingHttpHeaders; bytes: number }[] = [];
  const SLOW_EVERY = 4 * 1024 * 1024;
  let upstreamReceived = 0;

  beforeAll(async () => {
    const keys = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256' };
    token = await new SignJWT({ org: 'GridMSP', role: 'owner' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('7a1f0c52-9a43-4a55-8f0f-3e1c0a9b2d11').setIssuer('gridledger-identity').setAudience('gridledger').setExpirationTime('5m').sign(keys.privateKey);
    upstream = createServer((req, res) => {
      if (req.url === '/.well-known/jwks.json') return void res.end(JSON.stringify({ keys: [jwk] }));
      let bytes = 0;
      // a slow reader: 20 ms of pause after every 4 MiB, so an entry that buffered would run ahead
      req.on('data', (chunk: Buffer) => {
        const before = bytes;
        bytes += chunk.length;
        upstreamReceived += chunk.length;
        if (Math.floor(bytes / SLOW_EVERY) > Math.floor(before / SLOW_EVERY)) {
          req.pause();
          setTimeout(() => req.resume(), 20);
        }
      });
      req.on('end', () => {
        seen.push({ headers: req.headers, bytes });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ path: req.url, bytes }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const config = loadEntryConfig({ WEB_IDENTITY_URL: at, WEB_LEDGER_URL: at, WEB_STORAGE_URL: at, WEB_ACCESS_POLICY_URL: at, WEB_AUDIT_URL: at, WEB_STATIC_DIR: '/nonexistent' });
    const proxy = new ApiProxy(config, new UserVerifier(config), meter, new RecentErrors());
    entry = createServer((req, res) => {
      req.url = (req.url ?? '/').replace(/^\/api/, '');
      void proxy.handle(req, res, () => res.writeHead(418).end());
    });
    await new Promise<void>((resolve) => entry.listen(0, '127.0.0.1', resolve));
    entryUrl = `http://127.0.0.1:${(entry.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    entry?.close();
    upstream?.close();
  });

  it("ledger reads carry the user's own token and nothing that could name another user", async () => {
    const response = await fetch(`${entryUrl}/api/ledger/assets?pageSize=5`, { headers: { authorization: `Bearer ${token}`, 'x-gridledger-user': 'someone-else', 'x-gridledger-attestation': 'forged' } });
    expect(await response.json()).toEqual({ path: '/assets?pageSize=5', bytes: 0 });
    expect(seen.at(-1)?.headers).toMatchObject({ authorization: `Bearer ${token}` });
    expect(seen.at(-1)?.headers).not.toHaveProperty('x-gridledger-user');
    expect(seen.at(-1)?.headers).not.toHaveProperty('x-gridledger-attestation');
  });

  it('refuses a call without a valid token before the service hears of it', async () => {
    const before = seen.length;
    const response = await fetch(`${entryUrl}/api/storage/files`, { method: 'POST', headers: { authorization: 'Bearer forged' }, body: 'x' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(seen.length).toBe(before);
  });

  it('streams a 128 MiB upload with backpressure: a slow service holds the sender back, every byte arrives', async () => {
    const size = 128 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 7);
    upstreamReceived = 0;
    let sent = 0;
    let aheadMost = 0;
    const answer = await new Promise<string>((resolve, reject) => {
      const upload = request(`${entryUrl}/api/storage/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(size) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (t: string) => (text += t));
        res.on('end', () => resolve(text));
      });
      upload.on('error', reject);
      void pipeline(Readable.from((function* () {
        while (sent < size) {
          // how far the sender got ahead of what the service has read: what sits in buffers on the way
          aheadMost = Math.max(aheadMost, sent - upstreamReceived);
          sent += chunk.length;
          yield chunk;
        }
      })()), upload).catch(reject);
    });
    expect(JSON.parse(answer)).toEqual({ path: '/files', bytes: size });
    expect(meter.totals.upload).toBe(size);
    // socket and stream buffers hold a few MiB; an entry that read the body into memory would let the sender run far ahead
    expect(aheadMost).toBeLessThan(24 * 1024 * 1024);
  });
});

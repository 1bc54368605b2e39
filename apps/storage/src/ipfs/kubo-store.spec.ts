import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable, Transform } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { StorageConfig } from '../config/storage-config.ts';
import { IpfsAddError, KuboStore } from './kubo-store.ts';

// A stand-in for Kubo's HTTP API, so each way an add can fail is produced on purpose; the real
// Kubo is exercised by the integration tests.
let server: Server | undefined;

async function fakeKubo(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<KuboStore> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return kuboAt(port);
}

const kuboAt = (port: number, waitMs = 2_000) => new KuboStore({ STORAGE_KUBO_API_URL: `http://127.0.0.1:${port}`, STORAGE_KUBO_WAIT_MS: waitMs } as StorageConfig);

/** A port nothing listens on (a moment ago something did, so it is free). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

const received = async (request: IncomingMessage): Promise<string> => {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
};

describe('KuboStore.add', () => {
  it('waits for a Kubo that cannot be reached yet, reading nothing of the file, and sends all of it once Kubo listens', async () => {
    const port = await freePort();
    const kubo = kuboAt(port);
    let body = '';
    const adding = kubo.add(Readable.from([Buffer.from('first '), Buffer.from('and last')]), []);
    await new Promise((resolve) => setTimeout(resolve, 400));
    server = createServer(async (request, response) => {
      body = await received(request);
      response.end('{"Name":"file","Hash":"bafy-late","Size":"14"}\n');
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));

    await expect(adding).resolves.toEqual({ cid: 'bafy-late', size: 14 });
    expect(body).toContain('\r\n\r\nfirst and last\r\n');
  });

  it('gives up on an unreachable Kubo after STORAGE_KUBO_WAIT_MS, blaming IPFS, with the file unread', async () => {
    const kubo = kuboAt(await freePort(), 300);
    const source = Readable.from([Buffer.from('kept')]);
    const started = Date.now();

    await expect(kubo.add(source, [])).rejects.toThrow(IpfsAddError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Buffer.concat(await source.toArray()).toString()).toBe('kept');
  });

  it('sends the bytes as the file part of a multipart body and returns the CID of the last line', async () => {
    let body = '';
    let query = '';
    const kubo = await fakeKubo(async (request, response) => {
      query = request.url ?? '';
      body = await received(request);
      response.end('{"Name":"file","Hash":"bafy-part","Size":"1"}\n{"Name":"file","Hash":"bafy-whole","Size":"11"}\n');
    });
    const upper = new Transform({ transform: (chunk: Buffer, _encoding, callback) => callback(null, Buffer.from(chunk.toString().toUpperCase())) });

    await expect(kubo.add(Readable.from([Buffer.from('hello '), Buffer.from('world')]), [upper])).resolves.toEqual({ cid: 'bafy-whole', size: 11 });
    expect(query).toMatch(/pin=false/);
    expect(query).toMatch(/raw-leaves=true/);
    expect(body).toMatch(/^--(----gridledger-[0-9a-f]+)\r\ncontent-disposition: form-data; name="file"; filename="file"\r\n[^]*\r\n\r\nHELLO WORLD\r\n--\1--\r\n$/);
  });

  it('rethrows the error of the stream that failed first, as it is, when the source fails', async () => {
    const kubo = await fakeKubo((request, response) => void received(request).then(() => response.end('{}')).catch(() => undefined));
    const source = new PassThrough();
    const limit = new Error('the file is larger than the limit');
    setTimeout(() => source.write(Buffer.alloc(64 * 1024)), 5);
    setTimeout(() => source.destroy(limit), 20);

    await expect(kubo.add(source, [])).rejects.toBe(limit);
  });

  it('blames the source that failed while Kubo was still being reached', async () => {
    const kubo = await fakeKubo((request, response) => void received(request).then(() => response.end('{}')).catch(() => undefined));
    const source = new PassThrough();
    const aborted = new Error('the client went away');
    // fails on the next tick: before the connection to Kubo stands
    source.destroy(aborted);

    await expect(kubo.add(source, [])).rejects.toBe(aborted);
  });

  it('blames IPFS when Kubo refuses the add, even before the whole body is sent', async () => {
    const kubo = await fakeKubo((_request, response) => {
      response.statusCode = 500;
      response.end('{"Message":"repo is full"}');
    });
    const source = new PassThrough();
    source.write(Buffer.alloc(1024));

    const failure = await kubo.add(source, []).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IpfsAddError);
    expect((failure as Error).message).toMatch(/IPFS refused the file \(500\).*repo is full/);
    expect(source.destroyed).toBe(true);
  });

  it('blames IPFS when Kubo goes away in the middle of the body', async () => {
    const kubo = await fakeKubo((request) => request.once('data', () => request.socket.destroy()));
    const source = new PassThrough();
    const sending = setInterval(() => source.write(Buffer.alloc(64 * 1024)), 2);

    const failure = await kubo.add(source, []).catch((error: unknown) => error);
    clearInterval(sending);
    expect(failure).toBeInstanceOf(IpfsAddError);
  });

  it('blames IPFS when Kubo cannot be reached', async () => {
    const kubo = await fakeKubo(() => undefined);
    await new Promise((resolve) => server?.close(resolve));

    await expect(kubo.add(Readable.from([Buffer.from('x')]), [])).rejects.toBeInstanceOf(IpfsAddError);
  });
});

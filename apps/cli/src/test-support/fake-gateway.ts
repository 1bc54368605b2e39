import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { encryptStream, generateDataKey } from '@gridledger/file-crypto';
import type { Output } from '../io.ts';

export interface ServeOptions {
  /** send content-length (default) or chunked transfer encoding */
  contentLength?: boolean;
  /** send this many bytes, then destroy the connection */
  resetAfter?: number;
  /** send this many bytes, then hold the response open until the server closes */
  stallAfter?: number;
}

/** A `node:http` server that answers `GET /ipfs/<cid>` like an IPFS path gateway, and 404 otherwise. */
export interface FakeGateway {
  url: string;
  /** request paths in order */
  requests: string[];
  serve(cid: string, body: Buffer, options?: ServeOptions): void;
  /** resolves when a stalled response has sent its first bytes */
  stalled: Promise<void>;
  close(): Promise<void>;
}

export async function startFakeGateway(): Promise<FakeGateway> {
  const files = new Map<string, { body: Buffer; options: ServeOptions }>();
  const requests: string[] = [];
  let markStalled: () => void = () => undefined;
  const stalled = new Promise<void>((resolve) => (markStalled = resolve));
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    requests.push(request.url ?? '');
    const file = files.get((request.url ?? '').replace(/^\/ipfs\//, ''));
    if (request.method !== 'GET' || file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('ipfs resolve -r: no link named');
      return;
    }
    const { body, options } = file;
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream' };
    if (options.contentLength !== false) headers['content-length'] = body.length;
    response.writeHead(200, headers);
    if (options.resetAfter !== undefined) {
      response.write(body.subarray(0, options.resetAfter), () => setTimeout(() => response.destroy(), 20));
    } else if (options.stallAfter !== undefined) {
      response.write(body.subarray(0, options.stallAfter), () => markStalled());
    } else {
      response.end(body);
    }
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serve: (cid, body, options = {}) => files.set(cid, { body, options }),
    stalled,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A file as GridLedger pins it: a fresh data key and the plaintext encrypted with `encryptStream`. */
export async function encryptedAsset(plaintext: Buffer, chunkSize = 4096): Promise<{ dataKey: Buffer; ciphertext: Buffer }> {
  const dataKey = generateDataKey();
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      parts.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from([plaintext]), encryptStream(dataKey, { chunkSize }), sink);
  return { dataKey, ciphertext: Buffer.concat(parts) };
}

/** Collects what a command writes, as stdout or stderr. */
export function captureOutput(isTTY = false, columns = 100): Output & { text: string } {
  return {
    text: '',
    isTTY,
    columns,
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

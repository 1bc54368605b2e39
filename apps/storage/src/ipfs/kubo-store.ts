import { randomBytes } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { DependencyUnavailableError } from '../common/storage-error.ts';

/**
 * IPFS through Kubo's RPC API: this service is the only component that talks to it. Files are
 * added as CIDv1 with raw leaves, so a CID names exactly the bytes stored, and pinned in the same
 * call, so a pinned file is never half-added.
 */
@Injectable()
export class KuboStore {
  private readonly ipfs: KuboRPCClient;

  constructor(@Inject(STORAGE_CONFIG) private readonly config: StorageConfig) {
    this.ipfs = create({ url: `${config.STORAGE_KUBO_API_URL}/api/v0` });
  }

  /**
   * Streams the content to Kubo's `add` as the request body with node:http, which honours
   * backpressure on every write. Both kubo-rpc-client's add and fetch with a streamed body queue
   * what the socket has not taken yet, which for a 1 GiB upload is most of the file in memory.
   */
  async add(content: AsyncIterable<Uint8Array>): Promise<{ cid: string; size: number }> {
    const boundary = `----gridledger-${randomBytes(12).toString('hex')}`;
    async function* body(): AsyncIterable<Uint8Array> {
      yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="file"\r\ncontent-type: application/octet-stream\r\n\r\n`);
      yield* content;
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const url = new URL('/api/v0/add', this.config.STORAGE_KUBO_API_URL);
    for (const [name, value] of Object.entries({ pin: 'true', 'cid-version': '1', 'raw-leaves': 'true', chunker: `size-${1024 * 1024}`, quieter: 'true', progress: 'false' })) url.searchParams.set(name, value);
    const outgoing = request(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      outgoing.once('response', resolve);
      outgoing.once('error', reject);
    });
    // Kubo may answer (and refuse) before the body is sent: whichever comes first decides
    // one chunk read ahead, not Readable.from's default of sixteen (16 MiB of 1 MiB chunks)
    const sent = pipeline(Readable.from(body(), { highWaterMark: 1 }), outgoing);
    const response = await Promise.race([answered, sent.then(() => answered)]);
    let text = '';
    for await (const chunk of response) text += String(chunk);
    await sent.catch((error: unknown) => {
      if (response.statusCode === 200) throw error;
    });
    if (response.statusCode !== 200) throw new DependencyUnavailableError(`IPFS refused the file (${response.statusCode}): ${text.slice(0, 200)}`);
    // one JSON object per line; the last names the whole file
    const last = JSON.parse(text.trim().split('\n').pop() ?? '{}') as { Hash?: string; Size?: string };
    if (!last.Hash) throw new DependencyUnavailableError('IPFS answered the add without a CID');
    return { cid: last.Hash, size: Number(last.Size ?? 0) };
  }

  cat(cid: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
    return this.ipfs.cat(cid, signal ? { signal } : {});
  }

  /** Unpins; an already unpinned CID is not an error (cleanup runs again after a crash). */
  async unpin(cid: string): Promise<void> {
    try {
      await this.ipfs.pin.rm(cid);
    } catch (error) {
      if (/not pinned|pinned indirectly/i.test((error as Error).message)) return;
      throw error;
    }
  }

  async isPinned(cid: string): Promise<boolean> {
    try {
      for await (const pin of this.ipfs.pin.ls({ paths: [cid], type: 'recursive' })) if (pin.cid.toString() === cid) return true;
      return false;
    } catch (error) {
      if (/not pinned/i.test((error as Error).message)) return false;
      throw new DependencyUnavailableError(`IPFS at ${this.config.STORAGE_KUBO_API_URL} could not be asked about ${cid}`);
    }
  }

  async healthy(): Promise<boolean> {
    try {
      await this.ipfs.id({ signal: AbortSignal.timeout(2_000) });
      return true;
    } catch {
      return false;
    }
  }
}

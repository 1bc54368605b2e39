import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Duplex, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { inSpan, SpanKind } from '@gridledger/tracing';
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { DependencyUnavailableError } from '../common/storage-error.ts';
import { MultipartFileBody } from './multipart-file-body.ts';

/** Kubo did not take a file: refused it, failed, or could not be reached. */
export class IpfsAddError extends DependencyUnavailableError {}

/**
 * IPFS through Kubo's RPC API: this service is the only component that talks to it. Files are
 * added as CIDv1 with raw leaves, so a CID names exactly the bytes stored, and not pinned: the
 * caller pins once it holds the CID, so a pin whose answer Kubo's death cut off is still one this
 * service knows of and can release (PinReleases).
 */
@Injectable()
export class KuboStore {
  private readonly ipfs: KuboRPCClient;

  constructor(@Inject(STORAGE_CONFIG) private readonly config: StorageConfig) {
    this.ipfs = create({ url: `${config.STORAGE_KUBO_API_URL}/api/v0` });
  }

  /**
   * Streams `source` through `stages` into Kubo's `add` as the request body, written with
   * node:http, which honours backpressure on every write (kubo-rpc-client's add and fetch with a
   * streamed body queue what the socket has not taken yet: most of a 1 GiB file in memory).
   *
   * When it fails, the first failure decides who is to blame: an error of the source or a stage
   * (size limit, client gone, tampered input) is rethrown as it is; Kubo refusing, failing or
   * going away is an `IpfsAddError`. Whichever fails first, everything else is torn down.
   */
  add(source: Readable, stages: readonly Duplex[]): Promise<{ cid: string; size: number }> {
    return inSpan('ipfs add', { kind: SpanKind.CLIENT }, async (span) => {
      const added = await this.addUntraced(source, stages);
      span.setAttribute('gridledger.file.cid', added.cid);
      span.setAttribute('gridledger.file.size', added.size);
      return added;
    });
  }

  private async addUntraced(source: Readable, stages: readonly Duplex[]): Promise<{ cid: string; size: number }> {
    const body = new MultipartFileBody();
    const url = new URL('/api/v0/add', this.config.STORAGE_KUBO_API_URL);
    // unpinned until pin(): an add whose answer is lost leaves only collectable blocks, never a pin nobody knows of
    for (const [name, value] of Object.entries({ pin: 'false', 'cid-version': '1', 'raw-leaves': 'true', chunker: `size-${1024 * 1024}`, quieter: 'true', progress: 'false' })) url.searchParams.set(name, value);
    let first: { side: 'stream' | 'ipfs'; error: unknown } | undefined;
    // listening before the connection stands and the pipeline listens: a stream that fails while
    // Kubo is still being reached is then blamed, not left to throw with nobody listening
    for (const stream of [source, ...stages]) stream.once('error', (error) => (first ??= { side: 'stream', error }));
    const outgoing = await this.connect(url, body.contentType);
    // `on`, not `once`: a torn-down request may report more than one error
    outgoing.on('error', (error) => (first ??= { side: 'ipfs', error }));
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      outgoing.once('response', resolve);
      outgoing.once('error', reject);
    });
    const sent = pipeline([source, ...stages, body, outgoing]);
    try {
      // Kubo may answer (and refuse) before the whole body is sent: whichever comes first decides
      const response = await Promise.race([answered, sent.then(() => answered)]);
      let text = '';
      for await (const chunk of response) text += String(chunk);
      if (response.statusCode !== 200) {
        first ??= { side: 'ipfs', error: new IpfsAddError(`IPFS refused the file (${response.statusCode}): ${text.slice(0, 200)}`) };
        throw first.error;
      }
      await sent;
      // one JSON object per line; the last names the whole file
      const last = JSON.parse(text.trim().split('\n').pop() ?? '{}') as { Hash?: string; Size?: string };
      if (!last.Hash) throw new IpfsAddError('IPFS answered the add without a CID');
      return { cid: last.Hash, size: Number(last.Size ?? 0) };
    } catch (error) {
      // Kubo may have answered before the body was done: nothing more is read from the source
      sent.catch(() => undefined);
      for (const stream of [source, ...stages]) stream.destroy();
      outgoing.destroy();
      const cause = first ?? { side: 'ipfs', error };
      if (cause.side === 'stream') throw cause.error;
      throw cause.error instanceof IpfsAddError ? cause.error : new IpfsAddError(cause.error instanceof Error ? cause.error.message : String(cause.error));
    }
  }

  /**
   * The add request on a connection that stands, before a byte of the file is read: Kubo out of
   * reach (restarting, say) has then taken nothing from the upload, which waits, its sender held
   * back by TCP, and tries again until STORAGE_KUBO_WAIT_MS has passed. A failure once the body
   * flows cannot be retried (what was sent is gone) and is the caller's to report.
   */
  private async connect(url: URL, contentType: string): Promise<ClientRequest> {
    const deadline = Date.now() + this.config.STORAGE_KUBO_WAIT_MS;
    for (let attempt = 1; ; attempt += 1) {
      // a fresh connection each time: a kept-alive one may be to the Kubo that went away
      const outgoing = request(url, { method: 'POST', headers: { 'content-type': contentType }, agent: false });
      try {
        await new Promise<void>((resolve, reject) => {
          outgoing.once('error', reject);
          outgoing.once('socket', (socket) => (socket.connecting ? socket.once('connect', () => resolve()) : resolve()));
          // the headers go now, not with the first piece of body, so Kubo can refuse at once
          outgoing.flushHeaders();
        });
        return outgoing;
      } catch (error) {
        outgoing.destroy();
        if (Date.now() >= deadline) throw new IpfsAddError(`IPFS at ${url.origin} could not be reached for ${this.config.STORAGE_KUBO_WAIT_MS} ms: ${(error as Error).message}`);
        await sleep(Math.min(2_000, 100 * 2 ** (attempt - 1), deadline - Date.now()));
      }
    }
  }

  cat(cid: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
    return this.ipfs.cat(cid, signal ? { signal } : {});
  }

  /** Pins an added file; Kubo out of reach or failing is a DependencyUnavailableError, the pin then in doubt. */
  async pin(cid: string): Promise<void> {
    try {
      await inSpan('ipfs pin', { kind: SpanKind.CLIENT, attributes: { 'gridledger.file.cid': cid } }, () => this.ipfs.pin.add(cid));
    } catch (error) {
      throw new DependencyUnavailableError(`IPFS did not pin ${cid}: ${(error as Error).message}`);
    }
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

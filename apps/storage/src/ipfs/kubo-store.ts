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

  async add(content: AsyncIterable<Uint8Array>): Promise<{ cid: string; size: number }> {
    const added = await this.ipfs.add(content, { pin: true, cidVersion: 1, rawLeaves: true, chunker: 'size-1048576' });
    return { cid: added.cid.toString(), size: added.size };
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

import { LedgerQueryClient, LedgerRefusalError } from '@gridledger/ledger-client';
import type { ServiceCredential, ServiceName } from '@gridledger/service-auth';
import type { ChainAsset, ChainRequest, PinCheck, ReadModelGrant, StoredFile } from './reconciliation-sources.ts';

export interface PlatformReadersOptions {
  ledgerUrl: string;
  storageUrl: string;
  accessPolicyUrl: string;
  /** this service's own credential: a service token per callee */
  credential: ServiceCredential;
}

const LEDGER_PAGE = 100;

/**
 * Reads for reconciliation: the chain through the ledger service, files and IPFS through the
 * storage service (the only one that talks to IPFS), grants from the access-policy service.
 * No service's database is read directly.
 */
export class PlatformReaders {
  private readonly options: PlatformReadersOptions;
  private readonly ledger: LedgerQueryClient;

  constructor(options: PlatformReadersOptions) {
    this.options = options;
    this.ledger = new LedgerQueryClient({ ledgerUrl: options.ledgerUrl, credential: options.credential, timeoutMs: 60_000 });
  }

  async *chainAssets(): AsyncIterable<ChainAsset> {
    for (let bookmark = ''; ; ) {
      const page = await this.ledger.get<{ assets: ChainAsset[]; bookmark: string; fetched: number }>(`/assets?pageSize=${LEDGER_PAGE}${bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : ''}`);
      yield* page.assets;
      if (page.fetched < LEDGER_PAGE || !page.bookmark) return;
      bookmark = page.bookmark;
    }
  }

  async chainAsset(assetId: string): Promise<ChainAsset | null> {
    try {
      return await this.ledger.get<ChainAsset>(`/assets/${encodeURIComponent(assetId)}`);
    } catch (error) {
      if (error instanceof LedgerRefusalError && error.status === 404) return null;
      throw error;
    }
  }

  /** The request as its consumer sees it on chain: the chaincode shows a request only to its parties and regulators. */
  async chainRequest(requestId: string, consumerUid: string): Promise<ChainRequest | null> {
    try {
      return await this.ledger.get<ChainRequest>(`/requests/${encodeURIComponent(requestId)}`, consumerUid);
    } catch (error) {
      if (error instanceof LedgerRefusalError && error.status === 404) return null;
      throw error;
    }
  }

  async storedFiles(): Promise<StoredFile[]> {
    const files: StoredFile[] = [];
    for (let after: string | null = null; ; ) {
      const page: { items: StoredFile[]; next: string | null } = await this.internal('storage', this.options.storageUrl, `/internal/files${after ? `?after=${after}` : ''}`);
      files.push(...page.items);
      if (!page.next) return files;
      after = page.next;
    }
  }

  pinCheck(cid: string): Promise<PinCheck> {
    return this.internal('storage', this.options.storageUrl, `/internal/pins/${encodeURIComponent(cid)}`);
  }

  async grants(): Promise<ReadModelGrant[]> {
    return (await this.internal<{ items: ReadModelGrant[] }>('access-policy', this.options.accessPolicyUrl, '/internal/grants')).items;
  }

  private async internal<T>(service: ServiceName, base: string, path: string): Promise<T> {
    const response = await fetch(new URL(path, base), { headers: { authorization: `Bearer ${await this.options.credential.token(service)}` }, signal: AbortSignal.timeout(10 * 60_000) });
    const body = (await response.json().catch(() => ({}))) as T & { message?: string };
    if (!response.ok) throw new Error(`${base} answered ${response.status} to ${path.split('?')[0]}: ${body.message ?? ''}`);
    return body;
  }
}

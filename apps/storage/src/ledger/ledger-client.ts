import { Inject, Injectable } from '@nestjs/common';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { DependencyUnavailableError, StorageError } from '../common/storage-error.ts';

export interface AccessDecision {
  allowed: boolean;
  code: string;
  reason: string;
  requestId: string | null;
  expiresAt: string | null;
  remainingDownloads: number;
}

export interface ChainAsset {
  id: string;
  owner: { mspId: string; uid: string };
  cid: string;
  ciphertextSha256: string;
  plaintextSha256: string;
  sizeBytes: number;
  encryptionScheme: string;
  keyVersion: number;
  status: string;
  sensitivity: string;
}

/** The ledger service's query API: the chain's word on an asset and on a user's access to it. */
@Injectable()
export class LedgerClient {
  constructor(@Inject(STORAGE_CONFIG) private readonly config: StorageConfig) {}

  /** CheckAccess as the user themself, so the chaincode applies their own visibility rules. */
  checkAccess(assetId: string, userId: string): Promise<AccessDecision> {
    return this.get<AccessDecision>(`/assets/${encodeURIComponent(assetId)}/access/${encodeURIComponent(userId)}`, userId);
  }

  asset(assetId: string): Promise<ChainAsset> {
    return this.get<ChainAsset>(`/assets/${encodeURIComponent(assetId)}`);
  }

  private async get<T>(path: string, asUser?: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.config.STORAGE_LEDGER_URL), {
        headers: { authorization: `Bearer ${this.config.STORAGE_SERVICE_TOKEN}`, ...(asUser ? { 'x-gridledger-user': asUser } : {}) },
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new DependencyUnavailableError(`the ledger service cannot be reached: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return body as T;
    if (response.status >= 500) throw new DependencyUnavailableError(`the ledger service answered ${response.status}: ${String(body['message'] ?? '')}`);
    // the chain's refusal, passed on with its code
    throw new StorageError(String(body['code'] ?? 'LEDGER_REFUSED'), String(body['message'] ?? `the ledger refused with ${response.status}`), response.status === 401 ? 502 : response.status);
  }
}

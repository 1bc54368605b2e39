import type { DataAsset } from '@gridledger/domain';
import { Inject, Injectable } from '@nestjs/common';
import { LedgerQueryClient } from '@gridledger/ledger-client';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';

export interface AccessDecision {
  allowed: boolean;
  code: string;
  reason: string;
  requestId: string | null;
  expiresAt: string | null;
  remainingDownloads: number;
}

/** The ledger service's query API: the chain's word on an asset and on a user's access to it. */
@Injectable()
export class LedgerClient {
  private readonly client: LedgerQueryClient;

  constructor(@Inject(STORAGE_CONFIG) config: StorageConfig) {
    this.client = new LedgerQueryClient({ ledgerUrl: config.STORAGE_LEDGER_URL, credential: config.auth.credential, target: { channel: config.STORAGE_LEDGER_CHANNEL, chaincode: config.STORAGE_LEDGER_CHAINCODE } });
  }

  /** CheckAccess as the user themself, so the chaincode applies their own visibility rules. */
  checkAccess(assetId: string, userId: string): Promise<AccessDecision> {
    return this.client.get<AccessDecision>(`/assets/${encodeURIComponent(assetId)}/access/${encodeURIComponent(userId)}`, userId);
  }

  asset(assetId: string): Promise<DataAsset> {
    return this.client.get<DataAsset>(`/assets/${encodeURIComponent(assetId)}`);
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KeyEncryptionService } from '@gridledger/file-crypto';
import { StorageDatabase } from '../database/storage-database.ts';
import { KEY_ENCRYPTION_SERVICE } from '../files/key-encryption.provider.ts';

const PAGE = 200;

interface FileKeyRow {
  asset_id: string;
  owner_id: string;
  wrapped_key: string;
}

export interface RewrapReport {
  /** file keys now wrapped under the current master key that were not before */
  rewrapped: number;
  /** file keys that already were */
  current: number;
}

/**
 * After `stack rotate-master-key` puts a new master key first, every file's data key is wrapped
 * again under it, so the old master key can be dropped. The data keys themselves do not change,
 * so no file is re-encrypted and nothing changes on chain.
 */
@Injectable()
export class MasterKeyRewrapService {
  private readonly logger = new Logger('MasterKeyRewrap');

  constructor(
    private readonly database: StorageDatabase,
    @Inject(KEY_ENCRYPTION_SERVICE) private readonly kms: KeyEncryptionService,
  ) {}

  async rewrapAll(): Promise<RewrapReport> {
    const report: RewrapReport = { rewrapped: 0, current: 0 };
    let after: string | null = null;
    for (;;) {
      const { rows }: { rows: FileKeyRow[] } = await this.database.pool.query<FileKeyRow>(
        'select asset_id, owner_id, wrapped_key from files where ($1::uuid is null or asset_id > $1::uuid) order by asset_id limit $2',
        [after, PAGE],
      );
      for (const row of rows) {
        const rewrapped = await this.kms.rewrapDataKey(row.owner_id, row.wrapped_key, { assetId: row.asset_id });
        if (rewrapped === undefined) {
          report.current += 1;
          continue;
        }
        // compare-and-set: a key rotation that replaced the blob meanwhile wrote it under the current key already
        const updated = await this.database.pool.query('update files set wrapped_key = $3 where asset_id = $1 and wrapped_key = $2', [row.asset_id, row.wrapped_key, rewrapped]);
        if (updated.rowCount === 1) report.rewrapped += 1;
        else report.current += 1;
      }
      if (rows.length < PAGE) break;
      after = rows.at(-1)?.asset_id ?? null;
    }
    this.logger.log(`master key rewrap: ${report.rewrapped} file keys rewrapped, ${report.current} already current`);
    return report;
  }
}

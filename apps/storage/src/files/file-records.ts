import { Injectable } from '@nestjs/common';
import { StorageError } from '../common/storage-error.ts';
import { StorageDatabase } from '../database/storage-database.ts';

export interface FileRecord {
  assetId: string;
  ownerId: string;
  ownerMsp: string;
  title: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  plaintextSha256: string;
  ciphertextSha256: string;
  cid: string;
  encryptionScheme: string;
  keyVersion: number;
  wrappedKey: string;
  status: 'pending' | 'anchored' | 'rejected';
  txId: string | null;
  blockNumber: string | null;
  rejection: unknown;
}

interface Row {
  asset_id: string; owner_id: string; owner_msp: string; title: string; file_name: string; content_type: string; size_bytes: string;
  plaintext_sha256: string; ciphertext_sha256: string; cid: string; encryption_scheme: string; key_version: number; wrapped_key: string;
  status: FileRecord['status']; tx_id: string | null; block_number: string | null; rejection: unknown;
}

/** The storage service's file records. */
@Injectable()
export class FileRecords {
  constructor(private readonly database: StorageDatabase) {}

  async find(assetId: string): Promise<FileRecord> {
    const { rows } = await this.database.pool.query<Row>('select * from files where asset_id = $1', [assetId]);
    const row = rows[0];
    if (!row) throw new StorageError('NOT_FOUND', `no file is stored for asset ${assetId}`, 404);
    return {
      assetId: row.asset_id, ownerId: row.owner_id, ownerMsp: row.owner_msp, title: row.title, fileName: row.file_name, contentType: row.content_type,
      sizeBytes: Number(row.size_bytes), plaintextSha256: row.plaintext_sha256, ciphertextSha256: row.ciphertext_sha256, cid: row.cid,
      encryptionScheme: row.encryption_scheme, keyVersion: row.key_version, wrappedKey: row.wrapped_key, status: row.status, txId: row.tx_id,
      blockNumber: row.block_number, rejection: row.rejection,
    };
  }

  /** Everything but the wrapped key. */
  async publicView(assetId: string): Promise<Omit<FileRecord, 'wrappedKey'>> {
    const { wrappedKey: _wrapped, ...view } = await this.find(assetId);
    return view;
  }

  /** A page of file records (no keys), by asset id after `after`: what reconciliation compares with the chain. */
  async page(after: string | undefined, limit: number): Promise<Record<string, unknown>[]> {
    const { rows } = await this.database.pool.query<Record<string, unknown>>(
      `select asset_id as "assetId", owner_id as "ownerId", owner_msp as "ownerMsp", cid, ciphertext_sha256 as "ciphertextSha256", plaintext_sha256 as "plaintextSha256",
              key_version as "keyVersion", size_bytes::text as "sizeBytes", status from files where ($1::uuid is null or asset_id > $1::uuid) order by asset_id limit $2`,
      [after ?? null, limit],
    );
    return rows;
  }
}

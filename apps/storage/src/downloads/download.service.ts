import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { statusOf } from '@gridledger/api-errors';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';
import { decryptStream, hashingPassThrough, type KeyEncryptionService } from '@gridledger/file-crypto';
import { writeOutboxEvent } from '@gridledger/messaging';
import type { Response } from 'express';
import { awaitLedgerAnswer } from '@gridledger/ledger-client';
import type { PlatformUser } from '../auth/user-guard.ts';
import { StorageError } from '../common/storage-error.ts';
import { StorageDatabase } from '../database/storage-database.ts';
import { KEY_ENCRYPTION_SERVICE } from '../files/key-encryption.provider.ts';
import { KuboStore } from '../ipfs/kubo-store.ts';
import { EVENT_SOURCE, LedgerCommands } from '../ledger/ledger-commands.ts';
import { AccessCheck } from './access-check.ts';

/**
 * Download through the platform: access checked on chain, the pinned ciphertext verified against
 * the chain's hash before a byte is served, the download recorded on chain (consuming one unit of
 * the grant), then the file decrypted as it streams. The plaintext hash is checked at the end; a
 * mismatch cuts the response, so the client never holds a complete, wrong file.
 */
@Injectable()
export class DownloadService {
  constructor(
    private readonly commands: LedgerCommands,
    private readonly access: AccessCheck,
    private readonly kubo: KuboStore,
    private readonly database: StorageDatabase,
    @Inject(KEY_ENCRYPTION_SERVICE) private readonly kms: KeyEncryptionService,
  ) {}

  async download(user: PlatformUser, assetId: string, response: Response): Promise<void> {
    const { record, chain, decision } = await this.access.check(user, assetId);
    await this.access.verifyPinnedCiphertext(chain);

    if (decision) {
      const requestId = decision.requestId ?? '';
      const download = { ciphertextSha256: chain.ciphertextSha256, keyVersion: chain.keyVersion };
      const commandId = await this.database.transaction((tx) => this.commands.enqueue(tx, assetId, { userId: user.id, contract: 'access', transaction: 'RecordDownload', arguments: [requestId, JSON.stringify(download)] }));
      const answer = await awaitLedgerAnswer(this.database.pool, commandId);
      if (answer.topic === LEDGER_TOPICS.txFailed) throw new StorageError(answer.payload.code, `the chain did not record the download: ${answer.payload.message}`, statusOf(answer.payload.code));
      await this.database.transaction((tx) => writeOutboxEvent(tx, EVENT_SOURCE, STORAGE_TOPICS.fileDownloaded, assetId, { assetId, requestId, consumerId: user.id, keyVersion: chain.keyVersion, ciphertextSha256: chain.ciphertextSha256, commandId }));
    }

    const dataKey = await this.kms.unwrapDataKey(record.ownerId, record.wrappedKey, { assetId });
    const plaintext = hashingPassThrough();
    const checkAtEnd = new Transform({
      transform: (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) => callback(null, chunk),
      flush: (callback: TransformCallback) => {
        // hold back the end of the response until the plaintext hash is known
        if (plaintext.sha256 === chain.plaintextSha256) return callback();
        void this.access.report({ assetId, cid: chain.cid, kind: 'plaintext-hash-mismatch', expected: chain.plaintextSha256, actual: plaintext.sha256, detectedBy: 'storage' }).catch((error: unknown) => callback(error as Error));
      },
    });
    response.status(200);
    response.setHeader('content-type', record.contentType);
    response.setHeader('content-length', String(record.sizeBytes));
    response.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(record.fileName)}`);
    response.setHeader('x-content-sha256', chain.plaintextSha256);
    try {
      await pipeline(Readable.from(this.kubo.cat(chain.cid)), decryptStream(dataKey), plaintext, checkAtEnd, response);
    } finally {
      dataKey.fill(0);
    }
  }
}

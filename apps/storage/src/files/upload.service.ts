import { submitCalls } from '@gridledger/chaincode-api';
import { randomUUID } from 'node:crypto';
import { type PlatformUser } from '@gridledger/nest-service';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { LEDGER_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';
import { FILE_ENCRYPTION_SCHEME, generateDataKey, type KeyEncryptionService } from '@gridledger/file-crypto';
import { writeOutboxEvent } from '@gridledger/messaging';
import busboy from 'busboy';
import type { Request } from 'express';
import { DependencyUnavailableError, StorageError } from '../common/storage-error.ts';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { StorageDatabase } from '../database/storage-database.ts';
import { addEncrypted, EncryptedAddError, type EncryptedFile } from '../ipfs/encrypted-add.ts';
import { KuboStore } from '../ipfs/kubo-store.ts';
import { PinReleases } from '../ipfs/pin-releases.ts';
import { EVENT_SOURCE, LedgerCommands } from '../ledger/ledger-commands.ts';
import { ByteLimit } from './byte-limit.ts';
import { sanitizeFileName } from './file-name.ts';
import { KEY_ENCRYPTION_SERVICE } from './key-encryption.provider.ts';
import { parseUploadMetadata, sanitizeContentType, type UploadMetadata } from './upload-metadata.ts';
import { UploadProgressRegistry, type UploadProgress } from './upload-progress.ts';
import { LedgerClient } from '../ledger/ledger-client.ts';
import { checkVersionOf } from './version-of-check.ts';

export interface StoredFile {
  assetId: string;
  status: 'pending';
  cid: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  plaintextSha256: string;
  ciphertextSha256: string;
  encryptionScheme: string;
  keyVersion: number;
  registerCommandId: string;
}

/** multipart framing on top of the file: a Content-Length this far above the limit cannot fit */
const MULTIPART_SLACK = 1024 * 1024;

/**
 * Upload: multipart in, streamed through size limit → SHA-256 → chunked AES-256-GCM → SHA-256 →
 * Kubo add+pin, so memory stays flat whatever the size. Then, in one database transaction, the
 * file record (pending), the RegisterAsset command and the file-stored event. A failure after the
 * pin unpins, so no orphan stays pinned; the chain only hears of a file that is pinned.
 */
@Injectable()
export class UploadService {
  private readonly logger = new Logger('Upload');

  constructor(
    private readonly commands: LedgerCommands,
    @Inject(STORAGE_CONFIG) private readonly config: StorageConfig,
    private readonly database: StorageDatabase,
    private readonly kubo: KuboStore,
    @Inject(KEY_ENCRYPTION_SERVICE) private readonly kms: KeyEncryptionService,
    private readonly progress: UploadProgressRegistry,
    private readonly pins: PinReleases,
    private readonly ledger: LedgerClient,
  ) {}

  upload(user: PlatformUser, request: Request, uploadId: string): Promise<StoredFile> {
    if (user.role !== 'owner') throw new StorageError('FORBIDDEN', 'only data owners upload files', 403);
    const limit = this.config.STORAGE_MAX_UPLOAD_BYTES;
    const declared = Number(request.headers['content-length']);
    // refused before a byte of the body is read
    if (Number.isFinite(declared) && declared > limit + MULTIPART_SLACK) throw new StorageError('PAYLOAD_TOO_LARGE', `the upload is larger than the limit of ${limit} bytes`, 413);
    if (!request.headers['content-type']?.startsWith('multipart/form-data')) throw new StorageError('INVALID_ARGUMENT', 'send the upload as multipart/form-data with a "metadata" field and a "file" part');
    const progress = this.progress.start(uploadId, user.id, Number.isFinite(declared) ? declared : null);

    return new Promise<StoredFile>((resolve, reject) => {
      let metadataText: string | undefined;
      let started = false;
      const fail = (error: unknown) => {
        this.progress.update(progress, { stage: 'failed', error: error instanceof Error ? error.message : String(error) });
        request.unpipe(parser);
        // the rest of the body is read and dropped, as Node does with a request nobody read: a
        // client still sending it would otherwise stall on a full socket and never see this answer
        request.resume();
        reject(error);
      };
      const parser = busboy({ headers: request.headers, limits: { files: 1, fields: 5, fieldSize: 64 * 1024, parts: 8 } });
      parser.on('field', (name, value) => {
        if (name === 'metadata') metadataText = value;
      });
      parser.on('file', (name, file, info) => {
        if (name !== 'file' || started) {
          file.resume();
          return;
        }
        started = true;
        let metadata: UploadMetadata;
        try {
          metadata = parseUploadMetadata(metadataText);
        } catch (error) {
          file.resume();
          fail(error);
          return;
        }
        this.store(user, metadata, file, { fileName: sanitizeFileName(info.filename), contentType: sanitizeContentType(info.mimeType) }, progress).then((stored) => {
          this.progress.update(progress, { stage: 'done', assetId: stored.assetId });
          resolve(stored);
        }, fail);
      });
      parser.on('close', () => {
        if (!started) fail(new StorageError('FILE_REQUIRED', 'the form has no "file" part'));
      });
      parser.on('error', (error) => fail(new StorageError('INVALID_MULTIPART', `the multipart body is malformed: ${(error as Error).message}`)));
      request.on('aborted', () => fail(new StorageError('UPLOAD_ABORTED', 'the client stopped sending the upload')));
      request.pipe(parser);
    });
  }

  private async store(user: PlatformUser, metadata: UploadMetadata, file: Readable, names: { fileName: string; contentType: string }, progress: UploadProgress): Promise<StoredFile> {
    if (metadata.versionOf !== undefined) await checkVersionOf((id) => this.ledger.asset(id), user, metadata.versionOf, metadata.sensitivity);
    const assetId = randomUUID();
    const dataKey = generateDataKey();
    const limit = new ByteLimit(this.config.STORAGE_MAX_UPLOAD_BYTES, (bytes) => this.progress.update(progress, { bytesReceived: bytes }));
    let added: EncryptedFile;
    try {
      added = await addEncrypted(this.kubo, file, [limit], dataKey);
    } catch (error) {
      if (!(error instanceof EncryptedAddError)) throw error;
      if (error.reason instanceof StorageError) throw error.reason;
      if (error.side === 'stream') throw new StorageError('UPLOAD_ABORTED', `the upload stream failed: ${error.message}`);
      throw new DependencyUnavailableError(`IPFS did not take the file: ${error.message}`);
    }
    const { cid } = added;
    try {
      await this.kubo.pin(cid);
      this.progress.update(progress, { stage: 'registering' });
      const wrappedKey = await this.kms.wrapDataKey(user.id, dataKey, { assetId });
      dataKey.fill(0);
      const stored: StoredFile = {
        assetId, status: 'pending', cid, ...names, sizeBytes: added.plaintextBytes, plaintextSha256: added.plaintextSha256, ciphertextSha256: added.ciphertextSha256,
        encryptionScheme: FILE_ENCRYPTION_SCHEME, keyVersion: 1, registerCommandId: '',
      };
      const registration = {
        id: assetId, title: metadata.title, description: metadata.description ?? '', category: metadata.category, sensitivity: metadata.sensitivity,
        cid, ciphertextSha256: stored.ciphertextSha256, plaintextSha256: stored.plaintextSha256, sizeBytes: stored.sizeBytes,
        encryptionScheme: FILE_ENCRYPTION_SCHEME, priceCredits: metadata.priceCredits, policy: metadata.policy,
        ...(metadata.versionOf === undefined ? {} : { versionOf: metadata.versionOf }),
      };
      await this.database.transaction(async (tx) => {
        stored.registerCommandId = await this.commands.enqueue(tx, assetId, { userId: user.id, call: submitCalls.registerAsset(registration) });
        await tx.query(
          `insert into files (asset_id, owner_id, owner_msp, title, category, sensitivity, file_name, content_type, size_bytes, plaintext_sha256,
             ciphertext_sha256, cid, encryption_scheme, key_version, wrapped_key, status, register_command_id)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, 'pending', $15)`,
          [assetId, user.id, user.mspId, metadata.title, metadata.category, metadata.sensitivity, names.fileName, names.contentType, stored.sizeBytes,
            stored.plaintextSha256, stored.ciphertextSha256, cid, FILE_ENCRYPTION_SCHEME, wrappedKey, stored.registerCommandId],
        );
        await writeOutboxEvent(tx, EVENT_SOURCE, STORAGE_TOPICS.fileStored, assetId, {
          assetId, ownerId: user.id, mspId: user.mspId, cid, sizeBytes: stored.sizeBytes, plaintextSha256: stored.plaintextSha256,
          ciphertextSha256: stored.ciphertextSha256, encryptionScheme: FILE_ENCRYPTION_SCHEME, keyVersion: 1, commandId: stored.registerCommandId,
        });
      });
      this.logger.log(`stored ${assetId} (${stored.sizeBytes} bytes) as ${cid}; ${LEDGER_TOPICS.submitRequested} RegisterAsset ${stored.registerCommandId}`);
      return stored;
    } catch (error) {
      // nothing half-done: the chain never heard of this file, so it must not stay pinned (or, if
      // Kubo is away, it is written down and unpinned when it is back)
      await this.pins.release(cid, `upload of ${assetId} did not go through`);
      throw error;
    }
  }
}

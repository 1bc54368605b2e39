import { submitCalls } from '@gridledger/chaincode-api';
import { statusOf } from '@gridledger/api-errors';
import { type PlatformUser } from '@gridledger/nest-service';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { LEDGER_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';
import { decryptStream, FILE_ENCRYPTION_SCHEME, generateDataKey, sealKeyForRecipient, type KeyEncryptionService } from '@gridledger/file-crypto';
import { writeOutboxEvent } from '@gridledger/messaging';
import { awaitLedgerAnswer } from '@gridledger/ledger-client';
import { StorageError } from '../common/storage-error.ts';
import { StorageDatabase } from '../database/storage-database.ts';
import { AccessCheck } from '../downloads/access-check.ts';
import { FileRecords } from '../files/file-records.ts';
import { KEY_ENCRYPTION_SERVICE } from '../files/key-encryption.provider.ts';
import { addEncrypted, EncryptedAddError, type EncryptedFile } from '../ipfs/encrypted-add.ts';
import { KuboStore } from '../ipfs/kubo-store.ts';
import { PinReleases } from '../ipfs/pin-releases.ts';
import { LedgerClient } from '../ledger/ledger-client.ts';
import { EVENT_SOURCE, LedgerCommands } from '../ledger/ledger-commands.ts';

export interface KeyRotationReceipt {
  assetId: string;
  previousCid: string;
  cid: string;
  ciphertextSha256: string;
  keyVersion: number;
  txId: string;
  rewrappedFor: string[];
}

/**
 * Key rotation (owner): the file is re-encrypted under a fresh data key as it streams out of IPFS
 * and back in; the chain records the new CID and key version (RotateAssetKey); only then does the
 * record switch and the old ciphertext get unpinned. Consumers whose grant is still valid get the
 * new key sealed for the public key they last used; a receipt event says who.
 */
@Injectable()
export class KeyRotationService {
  private readonly logger = new Logger('KeyRotation');

  constructor(
    private readonly commands: LedgerCommands,
    private readonly records: FileRecords,
    private readonly access: AccessCheck,
    private readonly ledger: LedgerClient,
    private readonly kubo: KuboStore,
    private readonly database: StorageDatabase,
    @Inject(KEY_ENCRYPTION_SERVICE) private readonly kms: KeyEncryptionService,
    private readonly pins: PinReleases,
  ) {}

  async rotate(user: PlatformUser, assetId: string): Promise<KeyRotationReceipt> {
    const { record, chain } = await this.access.check(user, assetId);
    if (record.ownerId !== user.id) throw new StorageError('FORBIDDEN', `only the owner of asset ${assetId} rotates its key`, 403);
    await this.access.verifyPinnedCiphertext(chain);

    const oldKey = await this.kms.unwrapDataKey(record.ownerId, record.wrappedKey, { assetId });
    const newKey = generateDataKey();
    let added: EncryptedFile;
    try {
      added = await addEncrypted(this.kubo, Readable.from(this.kubo.cat(chain.cid)), [decryptStream(oldKey)], newKey);
    } catch (error) {
      if (!(error instanceof EncryptedAddError)) throw error;
      if (error.side === 'stream') throw new StorageError('ROTATION_FAILED', `the file could not be re-encrypted: ${error.message}`, 502);
      throw error.reason;
    } finally {
      oldKey.fill(0);
    }
    const { cid } = added;
    try {
      await this.kubo.pin(cid);
      if (added.plaintextSha256 !== chain.plaintextSha256) {
        await this.access.report({ assetId, cid: chain.cid, kind: 'plaintext-hash-mismatch', expected: chain.plaintextSha256, actual: added.plaintextSha256, detectedBy: 'storage key rotation' });
      }
      const keyVersion = chain.keyVersion + 1;
      const rotation = { cid, ciphertextSha256: added.ciphertextSha256, plaintextSha256: chain.plaintextSha256, sizeBytes: added.plaintextBytes, encryptionScheme: FILE_ENCRYPTION_SCHEME, keyVersion };
      const commandId = await this.database.transaction((tx) => this.commands.enqueue(tx, assetId, { userId: user.id, call: submitCalls.rotateAssetKey(assetId, rotation) }));
      const answer = await awaitLedgerAnswer(this.database.pool, commandId);
      if (answer.topic === LEDGER_TOPICS.txFailed) throw new StorageError(answer.payload.code, `the chain did not record the rotation: ${answer.payload.message}`, statusOf(answer.payload.code));

      const wrappedKey = await this.kms.wrapDataKey(record.ownerId, newKey, { assetId });
      const rewrappedFor = await this.resealForGrantees(assetId, chain.keyVersion, keyVersion, cid, newKey);
      const receipt: KeyRotationReceipt = { assetId, previousCid: chain.cid, cid, ciphertextSha256: added.ciphertextSha256, keyVersion, txId: answer.payload.txId, rewrappedFor };
      await this.database.transaction(async (tx) => {
        await tx.query('update files set cid = $2, ciphertext_sha256 = $3, key_version = $4, wrapped_key = $5, updated_at = now() where asset_id = $1', [assetId, cid, added.ciphertextSha256, keyVersion, wrappedKey]);
        await writeOutboxEvent(tx, EVENT_SOURCE, STORAGE_TOPICS.keyRotated, assetId, receipt);
      });
      await this.kubo.unpin(chain.cid);
      this.logger.log(`rotated the key of ${assetId} to version ${keyVersion}: ${chain.cid} → ${cid}, re-sealed for ${rewrappedFor.length} grantees`);
      return receipt;
    } catch (error) {
      // the chain still names the old ciphertext: the new one must not stay pinned
      await this.pins.release(cid, `key rotation of ${assetId} did not go through`);
      throw error;
    } finally {
      newKey.fill(0);
    }
  }

  /** The consumers who held the previous key and may still have the file get the new one. */
  private async resealForGrantees(assetId: string, previousVersion: number, keyVersion: number, cid: string, dataKey: Uint8Array): Promise<string[]> {
    const { rows } = await this.database.pool.query<{ consumer_id: string; recipient_public_key: Buffer }>('select consumer_id, recipient_public_key from key_releases where asset_id = $1 and key_version = $2', [assetId, previousVersion]);
    const resealed: string[] = [];
    for (const row of rows) {
      const decision = await this.ledger.checkAccess(assetId, row.consumer_id).catch(() => undefined);
      if (!decision?.allowed || !decision.requestId) continue;
      const envelope = await sealKeyForRecipient(row.recipient_public_key, dataKey, { assetId, cid, keyVersion });
      await this.database.pool.query(
        `insert into key_releases (asset_id, consumer_id, request_id, recipient_public_key, key_version, envelope) values ($1, $2, $3, $4, $5, $6)
         on conflict (asset_id, consumer_id, key_version) do nothing`,
        [assetId, row.consumer_id, decision.requestId, row.recipient_public_key, keyVersion, JSON.stringify(envelope)],
      );
      resealed.push(row.consumer_id);
    }
    return resealed;
  }
}

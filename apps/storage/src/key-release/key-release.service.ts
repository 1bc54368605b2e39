import { submitCalls } from '@gridledger/chaincode-api';
import { createHash } from 'node:crypto';
import { type PlatformUser } from '@gridledger/nest-service';
import { statusOf } from '@gridledger/api-errors';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';
import { sealKeyForRecipient, x25519PublicKeyBytes, type KeyEncryptionService, type KeyEnvelope } from '@gridledger/file-crypto';
import { writeOutboxEvent } from '@gridledger/messaging';
import { awaitLedgerAnswer } from '@gridledger/ledger-client';
import { StorageError } from '../common/storage-error.ts';
import { StorageDatabase } from '../database/storage-database.ts';
import { AccessCheck } from '../downloads/access-check.ts';
import { DownloadTickets } from '../downloads/download-tickets.ts';
import { KEY_ENCRYPTION_SERVICE } from '../files/key-encryption.provider.ts';
import { EVENT_SOURCE, LedgerCommands } from '../ledger/ledger-commands.ts';

export interface KeyRelease {
  envelope: KeyEnvelope;
  requestId: string;
  txId: string;
  /** the plaintext hash on chain: the consumer checks the decrypted file against it */
  plaintextSha256: string;
  ciphertextSha256: string;
}

/**
 * Key release: what is shared is the way to obtain the file. After CheckAccess passes, the data
 * key is unwrapped and sealed for the consumer's X25519 key (HPKE), the release is recorded on
 * chain, and the envelope is kept; with it the consumer fetches the ciphertext from any IPFS gateway.
 */
@Injectable()
export class KeyReleaseService {
  constructor(
    private readonly commands: LedgerCommands,
    private readonly access: AccessCheck,
    private readonly database: StorageDatabase,
    private readonly tickets: DownloadTickets,
    @Inject(KEY_ENCRYPTION_SERVICE) private readonly kms: KeyEncryptionService,
  ) {}

  /** The envelope of the asset's current key last sealed for this consumer (after a rotation, the re-sealed one). */
  async latest(user: PlatformUser, assetId: string): Promise<{ envelope: KeyEnvelope; keyVersion: number; releasedAt: string }> {
    const { chain } = await this.access.check(user, assetId);
    const { rows } = await this.database.pool.query<{ envelope: KeyEnvelope; key_version: number; released_at: Date }>(
      'select envelope, key_version, released_at from key_releases where asset_id = $1 and consumer_id = $2 and key_version = $3', [assetId, user.id, chain.keyVersion]);
    const row = rows[0];
    if (!row) throw new StorageError('NOT_FOUND', `no key of version ${chain.keyVersion} has been released to you for asset ${assetId}; ask for a key release`, 404);
    return { envelope: row.envelope, keyVersion: row.key_version, releasedAt: row.released_at.toISOString() };
  }

  /** Whether this request's consumer already holds the current key sealed for this public key (a redelivered release request). */
  alreadyReleased(assetId: string, consumerId: string, requestId: string, publicKey: string): Promise<boolean> {
    return this.sealedBefore({ assetId, consumerId, recipient: recipientKey(publicKey), requestId });
  }

  /** A release kept for this consumer and recipient key, of one request or of one key version. */
  private async sealedBefore(release: { assetId: string; consumerId: string; recipient: Uint8Array; requestId?: string; keyVersion?: number }): Promise<boolean> {
    const { rows } = await this.database.pool.query(
      'select 1 from key_releases where asset_id = $1 and consumer_id = $2 and recipient_public_key = $3 and ($4::text is null or request_id = $4) and ($5::int is null or key_version = $5)',
      [release.assetId, release.consumerId, Buffer.from(release.recipient), release.requestId ?? null, release.keyVersion ?? null],
    );
    return rows.length > 0;
  }

  async release(user: PlatformUser, assetId: string, publicKey: unknown): Promise<KeyRelease> {
    const recipient = recipientKey(publicKey);
    const { record, chain, decision } = await this.access.check(user, assetId, { repeatable: true });
    if (!decision?.requestId) throw new StorageError('NO_GRANT', 'key release is for consumers holding a grant; an owner downloads their file directly', 409);
    // the same key version sealed for the same key before is repeated by the chain at no cost
    if (decision.allowed && !(await this.sealedBefore({ assetId, consumerId: user.id, recipient, keyVersion: chain.keyVersion })) && (await this.tickets.held(this.database.pool, decision.requestId)) >= decision.remainingDownloads) {
      throw new StorageError('DOWNLOADS_IN_PROGRESS', `every download left on request ${decision.requestId} is held by an unfinished download through the platform: finish or resume it, or wait until its ticket expires`, 409);
    }

    const recipientKeySha256 = createHash('sha256').update(recipient).digest('hex');
    // sealed first: a release that cannot be delivered is never recorded, so it costs the grant
    // nothing; the chain records the same key version for the same recipient key once, so a retry
    // after a crash between the record and the store spends nothing either
    const dataKey = await this.kms.unwrapDataKey(record.ownerId, record.wrappedKey, { assetId });
    let envelope: KeyEnvelope;
    try {
      envelope = await sealKeyForRecipient(recipient, dataKey, { assetId, cid: chain.cid, keyVersion: chain.keyVersion });
    } finally {
      dataKey.fill(0);
    }
    const release = { recipientKeySha256, keyVersion: chain.keyVersion };
    const commandId = await this.database.transaction((tx) => this.commands.enqueue(tx, assetId, { userId: user.id, call: submitCalls.recordKeyRelease(decision.requestId ?? '', release) }));
    const answer = await awaitLedgerAnswer(this.database.pool, commandId);
    if (answer.topic === LEDGER_TOPICS.txFailed) throw new StorageError(answer.payload.code, `the chain did not record the key release: ${answer.payload.message}`, statusOf(answer.payload.code));
    await this.database.transaction(async (tx) => {
      await tx.query(
        `insert into key_releases (asset_id, consumer_id, request_id, recipient_public_key, key_version, envelope) values ($1, $2, $3, $4, $5, $6)
         on conflict (asset_id, consumer_id, key_version) do update set request_id = excluded.request_id, recipient_public_key = excluded.recipient_public_key, envelope = excluded.envelope, released_at = now()`,
        [assetId, user.id, decision.requestId, Buffer.from(recipient), chain.keyVersion, JSON.stringify(envelope)],
      );
      await writeOutboxEvent(tx, EVENT_SOURCE, STORAGE_TOPICS.keyReleased, assetId, { assetId, requestId: decision.requestId ?? '', consumerId: user.id, keyVersion: chain.keyVersion, recipientKeySha256, commandId });
    });
    return { envelope, requestId: decision.requestId, txId: answer.payload.txId, plaintextSha256: chain.plaintextSha256, ciphertextSha256: chain.ciphertextSha256 };
  }
}

/** The consumer's key, checked before anything is sealed or recorded: a bad one costs the grant nothing. */
function recipientKey(publicKey: unknown): Uint8Array {
  let raw: Uint8Array;
  try {
    if (typeof publicKey !== 'string' || publicKey.length === 0) throw new Error('missing');
    raw = x25519PublicKeyBytes(/BEGIN/.test(publicKey) ? publicKey : Buffer.from(publicKey, 'base64'));
  } catch (error) {
    if (error instanceof Error && /small order/.test(error.message)) throw new StorageError('INVALID_PUBLIC_KEY', 'publicKey is a point of small order: a key sealed to it could be opened by anyone', 400);
    throw new StorageError('INVALID_PUBLIC_KEY', 'publicKey must be an X25519 public key: 32 bytes in base64, or a PEM (SPKI) block', 400);
  }
  return raw;
}

import type { DataAsset } from '@gridledger/domain';
import { createHash } from 'node:crypto';
import { type PlatformUser } from '@gridledger/nest-service';
import { Injectable, Logger } from '@nestjs/common';
import { STORAGE_TOPICS, type TopicPayloads } from '@gridledger/contracts';
import { writeOutboxEvent } from '@gridledger/messaging';
import { StorageError } from '../common/storage-error.ts';
import { StorageDatabase } from '../database/storage-database.ts';
import { FileRecords, type FileRecord } from '../files/file-records.ts';
import { KuboStore } from '../ipfs/kubo-store.ts';
import { EVENT_SOURCE } from '../ledger/ledger-commands.ts';
import { LedgerClient, type AccessDecision } from '../ledger/ledger-client.ts';

export interface CheckedAccess {
  record: FileRecord;
  chain: DataAsset;
  /** undefined for the owner, who needs no grant to read their own file */
  decision: AccessDecision | undefined;
}

type Violation = TopicPayloads[typeof STORAGE_TOPICS.integrityViolation];

/**
 * What must hold before a byte or a key leaves this service: the file is anchored, the chain
 * says this user may have it (CheckAccess), the stored record agrees with the chain, and — for
 * downloads — the pinned ciphertext hashes to what the chain holds. A disagreement is reported as
 * an integrity-violation event and refused; it is never served.
 */
@Injectable()
export class AccessCheck {
  private readonly logger = new Logger('Integrity');

  constructor(
    private readonly records: FileRecords,
    private readonly ledger: LedgerClient,
    private readonly kubo: KuboStore,
    private readonly database: StorageDatabase,
  ) {}

  /**
   * `repeatable`: for a key release, a grant whose budget is used up may still ask for the very
   * release it paid for; the chain decides whether it is that one (it records it once).
   */
  async check(user: PlatformUser, assetId: string, options: { repeatable?: boolean } = {}): Promise<CheckedAccess> {
    const record = await this.records.find(assetId);
    if (record.status !== 'anchored') throw new StorageError('NOT_ANCHORED', `asset ${assetId} is ${record.status}, not yet anchored on chain`, 409);
    const chain = await this.ledger.asset(assetId);
    if (chain.status !== 'active') throw new StorageError('FROZEN', `asset ${assetId} is ${chain.status}: nothing flows`, 403);
    const isOwner = chain.owner.uid === user.id && chain.owner.mspId === user.mspId;
    let decision: AccessDecision | undefined;
    if (!isOwner) {
      decision = await this.ledger.checkAccess(assetId, user.id);
      const mayRepeat = options.repeatable && decision.code === 'BUDGET_EXHAUSTED' && decision.requestId;
      if (!decision.allowed && !mayRepeat) throw new StorageError('ACCESS_DENIED', `${decision.code}: ${decision.reason}`, 403);
    }
    if (record.cid !== chain.cid || record.ciphertextSha256 !== chain.ciphertextSha256 || record.keyVersion !== chain.keyVersion) {
      await this.report({ assetId, cid: record.cid, kind: 'record-mismatch', expected: `${chain.cid} ${chain.ciphertextSha256} v${chain.keyVersion}`, actual: `${record.cid} ${record.ciphertextSha256} v${record.keyVersion}`, detectedBy: 'storage' });
    }
    return { record, chain, decision };
  }

  /** Reads the whole ciphertext once and compares its SHA-256 with the chain's. */
  async verifyPinnedCiphertext(chain: DataAsset): Promise<void> {
    const hash = createHash('sha256');
    for await (const chunk of this.kubo.cat(chain.cid)) hash.update(chunk);
    const actual = hash.digest('hex');
    if (actual !== chain.ciphertextSha256) await this.report({ assetId: chain.id, cid: chain.cid, kind: 'ciphertext-hash-mismatch', expected: chain.ciphertextSha256, actual, detectedBy: 'storage' });
  }

  /** Records the violation (an event for the audit service and the regulator) and refuses. */
  async report(violation: Violation): Promise<never> {
    this.logger.error(`integrity violation on ${violation.assetId}: ${violation.kind} (expected ${violation.expected}, found ${violation.actual})`);
    await this.database.transaction((tx) => writeOutboxEvent(tx, EVENT_SOURCE, STORAGE_TOPICS.integrityViolation, violation.assetId, violation));
    throw new StorageError('INTEGRITY_VIOLATION', `the stored file of asset ${violation.assetId} does not match its on-chain record (${violation.kind}); it is not served and the regulator is alerted`, 502);
  }
}

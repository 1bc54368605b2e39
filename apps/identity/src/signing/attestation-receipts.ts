import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttestationError, verifyAttestationOnReceipt } from '@gridledger/service-auth';
import { decodeJwt } from 'jose';
import type { DataSource } from 'typeorm';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';
import type { AttestationReceiptRequest } from './attestation-receipt-request.ts';

export type ReceiptResult = { received: true; receivedAt: string } | { error: { statusCode: 403; code: 'NOT_ATTESTED' | 'NOT_PERMITTED'; message: string } };

const digestOf = (attestation: string) => createHash('sha256').update(attestation).digest();
/**
 * Whether an attestation claims to expire before `at`; one that cannot be read is looked up too
 * (its signature is checked at signing either way: this only decides whether to read a receipt).
 */
function expiresBefore(attestation: string, at: number): boolean {
  try {
    const { exp } = decodeJwt(attestation);
    return typeof exp !== 'number' || exp * 1000 < at;
  } catch {
    return true;
  }
}
/** An attestation this close to its expiry is looked up, so it cannot expire between the lookup and its check. */
const LOOKUP_MARGIN_MS = 30_000;
/** Pruning runs at most this often, on the way of a receipt call. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Receipts of user commands' attestations, taken while they were valid. An attestation is valid
 * for minutes so that a leaked one is soon useless; a command can wait longer than that in the
 * ledger's backlog through no fault of the user's. The ledger shows each command's attestation
 * here when it records the command; the receipt, kept by this service and never by the ledger's
 * word, is the time against which the command is then judged when it is signed, for as long as
 * IDENTITY_ATTESTATION_RECEIPT_SECONDS. The call itself (function, arguments, channel) is still
 * checked in full at signing; the receipt only moves the clock back.
 */
@Injectable()
export class AttestationReceipts {
  private readonly logger = new Logger('AttestationReceipts');
  private prunedAt = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(IDENTITY_CONFIG) private readonly config: Pick<IdentityConfig, 'serviceKeys' | 'attestationReceiptSeconds'>,
  ) {}

  /** Checks each attestation now and records those that hold; the earliest receipt of one stands. */
  async receive(requests: readonly AttestationReceiptRequest[]): Promise<ReceiptResult[]> {
    const now = new Date();
    const verdicts = await Promise.all(
      requests.map(async (request): Promise<{ request: AttestationReceiptRequest; service: string } | ReceiptResult> => {
        try {
          return { request, service: (await verifyAttestationOnReceipt(request.attestation, request, { registry: this.config.serviceKeys, now })).service };
        } catch (error) {
          if (!(error instanceof AttestationError)) throw error;
          return { error: { statusCode: 403, code: error.code, message: error.message } };
        }
      }),
    );
    const held = verdicts.filter((verdict) => 'service' in verdict);
    if (held.length > 0) {
      await this.db.query(
        `insert into attestation_receipts (digest, user_id, command_id, attested_by, received_at)
         select * from unnest($1::bytea[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[]) on conflict (digest) do nothing`,
        [held.map((h) => digestOf(h.request.attestation)), held.map((h) => h.request.userId), held.map((h) => h.request.commandId), held.map((h) => h.service), held.map(() => now)],
      );
    }
    await this.pruneNow(now);
    return verdicts.map((verdict) => ('service' in verdict ? { received: true, receivedAt: now.toISOString() } : verdict));
  }

  /**
   * When each of these attestations was received for its user, among receipts still honoured.
   * Only attestations that have expired, or soon will, are looked up: a signature batch of fresh
   * ones (every command that did not wait in a backlog) costs no query.
   */
  async receivedAt(attestations: readonly { attestation: string; userId: string }[]): Promise<Map<string, Date>> {
    const found = new Map<string, Date>();
    const stale = attestations.filter(({ attestation }) => expiresBefore(attestation, Date.now() + LOOKUP_MARGIN_MS)).map((a) => ({ ...a, digest: digestOf(a.attestation) }));
    if (stale.length === 0) return found;
    const rows: { digest: Buffer; user_id: string; received_at: Date }[] = await this.db.query(
      `select digest, user_id, received_at from attestation_receipts
       where digest = any($1::bytea[]) and received_at > now() - make_interval(secs => $2)`,
      [stale.map((a) => a.digest), this.config.attestationReceiptSeconds],
    );
    const byDigest = new Map(rows.map((row) => [row.digest.toString('base64'), row]));
    for (const { attestation, userId, digest } of stale) {
      const row = byDigest.get(digest.toString('base64'));
      if (row && row.user_id === userId) found.set(attestation, row.received_at);
    }
    return found;
  }

  private async pruneNow(now: Date): Promise<void> {
    if (now.getTime() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now.getTime();
    const result: [unknown[], number] = await this.db.query('delete from attestation_receipts where received_at < now() - make_interval(secs => $1)', [this.config.attestationReceiptSeconds]);
    if (result[1] > 0) this.logger.log(`pruned ${result[1]} attestation receipts older than ${this.config.attestationReceiptSeconds} s`);
  }
}

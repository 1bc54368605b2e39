import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IDENTITY_TOPICS } from '@gridledger/contracts';
import { Repository } from 'typeorm';
import { SignatureLogEntity } from '../database/entities.ts';
import { writeEvent } from '../outbox/outbox.writer.ts';
import type { SigningKind, SigningVoucher } from './signing-policy.ts';

/** One request for a signature and how it ended. */
export interface SignatureLogEntry {
  outcome: 'signed' | 'refused';
  code: string | null;
  requestedBy: string;
  userId: string;
  kind: SigningKind;
  function: string | null;
  txId: string | null;
  commandId: string | null;
  attestedBy: SigningVoucher | null;
  digest: Uint8Array | null;
  /** the refusal's sentence, for the log line only */
  message?: string;
}

/**
 * Every signature and every refusal: a row in the signature log and its event, in one database
 * transaction (the outbox publishes the event to gridledger.identity.signature-logged.v1, which
 * the audit service records), and a log line.
 */
@Injectable()
export class SignatureLog {
  private readonly logger = new Logger('Signatures');

  constructor(@InjectRepository(SignatureLogEntity) private readonly log: Repository<SignatureLogEntity>) {}

  async record(entry: SignatureLogEntry): Promise<void> {
    const at = new Date();
    await this.log.manager.transaction(async (tx) => {
      await tx.insert(SignatureLogEntity, {
        id: randomUUID(),
        userId: entry.userId,
        outcome: entry.outcome,
        code: entry.code,
        kind: entry.kind,
        function: entry.function,
        txId: entry.txId,
        commandId: entry.commandId,
        attestedBy: entry.attestedBy,
        digestHex: entry.digest ? Buffer.from(entry.digest).toString('hex') : null,
        purpose: null,
        requestedBy: entry.requestedBy,
        createdAt: at,
      });
      await writeEvent(tx, IDENTITY_TOPICS.signatureLogged, entry.userId, {
        outcome: entry.outcome,
        code: entry.code,
        service: entry.requestedBy,
        userId: entry.userId,
        kind: entry.kind,
        function: entry.function,
        txId: entry.txId,
        commandId: entry.commandId,
        attestedBy: entry.attestedBy,
        at: at.toISOString(),
      });
    });
    const what = `${entry.kind} ${entry.function ?? '(unreadable)'}${entry.txId ? ` (tx ${entry.txId.slice(0, 16)}…)` : ''} for user ${entry.userId} at the request of ${entry.requestedBy}${entry.commandId ? `, command ${entry.commandId}` : ''}`;
    if (entry.outcome === 'signed') this.logger.log(`signed ${what}, vouched for by ${entry.attestedBy ?? 'nobody'}`);
    else this.logger.warn(`refused ${what}: ${entry.code ?? 'refused'}, ${entry.message ?? ''}`);
  }
}

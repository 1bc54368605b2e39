import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IDENTITY_TOPICS } from '@gridledger/contracts';
import { Repository, type EntityManager } from 'typeorm';
import { SignatureLogEntity } from '../database/entities.ts';
import { writeEvents } from '../outbox/outbox.writer.ts';
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

  private queue: { entry: SignatureLogEntry; at: Date; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;

  /**
   * Resolves once the entry and its event are committed: no signature is handed out before its
   * record. Entries that arrive together share one transaction (one commit for a burst of the
   * ledger's signatures instead of one each); each still gets its own row, event and log line.
   */
  record(entry: SignatureLogEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, at: new Date(), resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      // one multi-row INSERT per table: 200 rows of 14 columns stay far below PostgreSQL's 65,535 parameters
      const batch = this.queue.splice(0, 200);
      try {
        await this.log.manager.transaction((tx) => this.write(tx, batch));
        for (const item of batch) {
          this.logLine(item.entry);
          item.resolve();
        }
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = false;
  }

  /** The batch's rows, and their events, each in one INSERT. */
  private async write(tx: EntityManager, batch: readonly { entry: SignatureLogEntry; at: Date }[]): Promise<void> {
    await tx.insert(
      SignatureLogEntity,
      batch.map(({ entry, at }) => ({
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
      })),
    );
    await writeEvents(
      tx,
      IDENTITY_TOPICS.signatureLogged,
      batch.map(({ entry, at }) => ({
        key: entry.userId,
        data: {
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
        },
      })),
    );
  }

  private logLine(entry: SignatureLogEntry): void {
    const what = `${entry.kind} ${entry.function ?? '(unreadable)'}${entry.txId ? ` (tx ${entry.txId.slice(0, 16)}…)` : ''} for user ${entry.userId} at the request of ${entry.requestedBy}${entry.commandId ? `, command ${entry.commandId}` : ''}`;
    if (entry.outcome === 'signed') this.logger.log(`signed ${what}, vouched for by ${entry.attestedBy ?? 'nobody'}`);
    else this.logger.warn(`refused ${what}: ${entry.code ?? 'refused'}, ${entry.message ?? ''}`);
  }
}

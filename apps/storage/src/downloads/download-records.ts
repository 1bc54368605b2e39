import { submitCalls } from '@gridledger/chaincode-api';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { statusOf } from '@gridledger/api-errors';
import { LEDGER_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';
import { awaitLedgerAnswer } from '@gridledger/ledger-client';
import { leasedInterval, writeOutboxEvent, type SingletonLease } from '@gridledger/messaging';
import type pg from 'pg';
import { StorageError } from '../common/storage-error.ts';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { StorageDatabase } from '../database/storage-database.ts';
import { EVENT_SOURCE, LedgerCommands } from '../ledger/ledger-commands.ts';
import type { TicketRow } from './download-tickets.ts';

/**
 * When a download costs a unit of its grant: once, when the transfer reaches its last byte
 * (recordCompletion, called before that byte leaves), or when its ticket expires having served
 * bytes without finishing (the expiry sweep). A transfer that broke and was never resumed is thus
 * charged only after its ticket's lifetime, and one that served nothing never is.
 */
@Injectable()
export class DownloadRecords implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DownloadRecords');
  /** the expiry sweep runs in one replica at a time */
  private sweeping: SingletonLease | undefined;

  constructor(
    private readonly database: StorageDatabase,
    private readonly commands: LedgerCommands,
    @Inject(STORAGE_CONFIG) private readonly config: StorageConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeping = leasedInterval({
      connectionString: this.config.STORAGE_DATABASE_URL,
      name: 'storage-download-ticket-sweep',
      intervalMs: this.config.STORAGE_DOWNLOAD_TICKET_SWEEP_MS,
      round: () => this.sweepExpired(),
      onError: (error) => this.logger.warn(`expiry sweep failed, next round retries: ${error.message}`),
      logger: this.logger,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeping?.stop();
  }

  /**
   * Records the completed download on chain once per ticket and waits for the chain's answer. A
   * second response on a ticket already recorded waits for the same answer and records nothing.
   * A refusal puts the ticket back to open, so fixing the cause and resuming can still record it.
   */
  async recordCompletion(ticketId: string): Promise<void> {
    const commandId = await this.database.transaction(async (tx) => {
      const ticket = await this.lock(tx, ticketId);
      if (ticket.record_command_id) return ticket.record_command_id;
      if (ticket.state !== 'open') throw new StorageError('TICKET_EXPIRED', `download ticket ${ticketId} expired; start the download again`, 410);
      const id = await this.enqueueRecord(tx, ticket);
      await tx.query("update download_tickets set state = 'recorded', record_command_id = $2 where id = $1", [ticketId, id]);
      return id;
    });
    const answer = await awaitLedgerAnswer(this.database.pool, commandId);
    if (answer.topic === LEDGER_TOPICS.txFailed) {
      await this.database.pool.query("update download_tickets set state = 'open', record_command_id = null where id = $1 and record_command_id = $2 and state = 'recorded'", [ticketId, commandId]);
      throw new StorageError(answer.payload.code, `the chain did not record the download: ${answer.payload.message}`, statusOf(answer.payload.code));
    }
    await this.database.transaction(async (tx) => {
      const ticket = await this.lock(tx, ticketId);
      if (ticket.announced) return;
      await writeOutboxEvent(tx, EVENT_SOURCE, STORAGE_TOPICS.fileDownloaded, ticket.asset_id, { assetId: ticket.asset_id, requestId: ticket.request_id, consumerId: ticket.consumer_id, keyVersion: ticket.key_version, ciphertextSha256: ticket.ciphertext_sha256, commandId });
      await tx.query('update download_tickets set announced = true where id = $1', [ticketId]);
    });
  }

  /**
   * Settles expired open tickets: one that served bytes is charged (recorded on chain as the
   * download it partly was), one that served none is released. Locked rows are skipped, so two
   * replicas sweeping at once settle each ticket once.
   */
  async sweepExpired(): Promise<{ charged: number; lapsed: number }> {
    return this.database.transaction(async (tx) => {
      const { rows } = await tx.query<TicketRow>("select * from download_tickets where state = 'open' and expires_at < now() order by expires_at limit 200 for update skip locked");
      let charged = 0;
      for (const ticket of rows) {
        if (Number(ticket.bytes_sent) > 0) {
          const commandId = await this.enqueueRecord(tx, ticket);
          await tx.query("update download_tickets set state = 'charged', record_command_id = $2 where id = $1", [ticket.id, commandId]);
          charged += 1;
        } else {
          await tx.query("update download_tickets set state = 'lapsed' where id = $1", [ticket.id]);
        }
      }
      if (rows.length > 0) this.logger.log(`expired download tickets: ${charged} charged, ${rows.length - charged} released`);
      return { charged, lapsed: rows.length - charged };
    });
  }

  private async lock(tx: pg.PoolClient, ticketId: string): Promise<TicketRow> {
    const { rows } = await tx.query<TicketRow>('select * from download_tickets where id = $1 for update', [ticketId]);
    const ticket = rows[0];
    if (!ticket) throw new StorageError('TICKET_NOT_FOUND', `no download ticket ${ticketId}`, 404);
    return ticket;
  }

  private enqueueRecord(tx: pg.PoolClient, ticket: TicketRow): Promise<string> {
    const download = { ciphertextSha256: ticket.ciphertext_sha256, keyVersion: ticket.key_version };
    return this.commands.enqueue(tx, ticket.asset_id, { userId: ticket.consumer_id, call: submitCalls.recordDownload(ticket.request_id, download) });
  }
}

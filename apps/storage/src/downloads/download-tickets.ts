import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { StorageError } from '../common/storage-error.ts';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { StorageDatabase } from '../database/storage-database.ts';

export interface DownloadTicket {
  id: string;
  assetId: string;
  consumerId: string;
  requestId: string;
  keyVersion: number;
  ciphertextSha256: string;
  sizeBytes: number;
  bytesPromised: number;
  bytesSent: number;
  state: 'open' | 'recorded' | 'charged' | 'lapsed';
  recordCommandId: string | null;
  expiresAt: Date;
}

/** A ticket as its table holds it. */
export interface TicketRow {
  id: string;
  asset_id: string;
  consumer_id: string;
  request_id: string;
  key_version: number;
  ciphertext_sha256: string;
  size_bytes: string;
  bytes_promised: string;
  bytes_sent: string;
  state: DownloadTicket['state'];
  record_command_id: string | null;
  announced: boolean;
  expires_at: Date;
}

const toTicket = (row: TicketRow): DownloadTicket => ({
  id: row.id,
  assetId: row.asset_id,
  consumerId: row.consumer_id,
  requestId: row.request_id,
  keyVersion: row.key_version,
  ciphertextSha256: row.ciphertext_sha256,
  sizeBytes: Number(row.size_bytes),
  bytesPromised: Number(row.bytes_promised),
  bytesSent: Number(row.bytes_sent),
  state: row.state,
  recordCommandId: row.record_command_id,
  expiresAt: row.expires_at,
});

/**
 * Bytes one ticket may serve in all: the file twice over (a transfer that broke late and was
 * resumed from the start) plus a megabyte of slack for resumes that overlap what already arrived.
 * Beyond it a ticket is spent: abort-and-retry cannot turn one paid download into many.
 */
export const ticketAllowance = (sizeBytes: number): number => 2 * sizeBytes + 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The download tickets and the budget they hold; the rules that decide when one is recorded live in DownloadService. */
@Injectable()
export class DownloadTickets {
  constructor(
    private readonly database: StorageDatabase,
    @Inject(STORAGE_CONFIG) private readonly config: StorageConfig,
  ) {}

  /** The consumer's own ticket for this asset; anyone else's, or none, is 404. */
  async find(id: string, consumerId: string, assetId: string): Promise<DownloadTicket> {
    const { rows } = UUID.test(id) ? await this.database.pool.query<TicketRow>('select * from download_tickets where id = $1 and consumer_id = $2 and asset_id = $3', [id, consumerId, assetId]) : { rows: [] };
    const row = rows[0];
    if (!row) throw new StorageError('TICKET_NOT_FOUND', `no download ticket ${id.slice(0, 64)} of yours for asset ${assetId}; start the download again without x-download-ticket`, 404);
    return toTicket(row);
  }

  /**
   * A new ticket, if the grant has a unit of budget that no other unfinished download of it holds.
   * Serialised per request with an advisory lock, so two parallel starts cannot both take the last unit.
   */
  async open(input: { assetId: string; consumerId: string; requestId: string; keyVersion: number; ciphertextSha256: string; sizeBytes: number; remainingDownloads: number }): Promise<DownloadTicket> {
    return this.database.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`download-budget:${input.requestId}`]);
      const held = await this.held(tx, input.requestId);
      if (held >= input.remainingDownloads) {
        throw new StorageError('DOWNLOADS_IN_PROGRESS', `every download left on request ${input.requestId} (${input.remainingDownloads}) is held by an unfinished download: resume it with Range and its x-download-ticket, or wait until it expires (at most ${this.config.STORAGE_DOWNLOAD_TICKET_TTL_SECONDS} s)`, 409);
      }
      const { rows } = await tx.query<TicketRow>(
        `insert into download_tickets (id, asset_id, consumer_id, request_id, key_version, ciphertext_sha256, size_bytes, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8)) returning *`,
        [randomUUID(), input.assetId, input.consumerId, input.requestId, input.keyVersion, input.ciphertextSha256, input.sizeBytes, this.config.STORAGE_DOWNLOAD_TICKET_TTL_SECONDS],
      );
      return toTicket(rows[0] as TicketRow);
    });
  }

  /** Units of a grant's budget held by downloads not yet settled on chain: open tickets, and records not yet answered. */
  async held(db: pg.ClientBase | pg.Pool, requestId: string): Promise<number> {
    const { rows } = await db.query<{ held: string }>(
      `select count(*) as held from download_tickets t left join ledger_commands c on c.command_id = t.record_command_id
       where t.request_id = $1 and (t.state = 'open' or (t.record_command_id is not null and c.answer_topic is null))`,
      [requestId],
    );
    return Number(rows[0]?.held ?? 0);
  }

  /** Takes `bytes` of the ticket's allowance for a response about to start; refuses when that would pass it. */
  async promise(ticket: DownloadTicket, bytes: number): Promise<void> {
    const allowance = ticketAllowance(ticket.sizeBytes);
    const { rowCount } = await this.database.pool.query('update download_tickets set bytes_promised = bytes_promised + $2 where id = $1 and bytes_promised + $2 <= $3', [ticket.id, bytes, allowance]);
    if (rowCount === 0) throw new StorageError('TICKET_SPENT', `download ticket ${ticket.id} has served all it may (${allowance} bytes); start a new download, which uses another unit of the grant`, 403);
  }

  async addSent(ticketId: string, bytes: number): Promise<void> {
    if (bytes > 0) await this.database.pool.query('update download_tickets set bytes_sent = bytes_sent + $2 where id = $1', [ticketId, bytes]);
  }
}

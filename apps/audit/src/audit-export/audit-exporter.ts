import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { AuditEntry } from '../audit-log/audit-entry.ts';
import { AuditLogRepository, type AuditFilter } from '../audit-log/audit-log.repository.ts';
import { EXPORT_ENCODINGS, type ExportFormat } from './export-encoding.ts';
import type { ExportRequest } from './export-query.ts';

/** Rows per database round trip: one page is all an export ever holds. */
export const EXPORT_PAGE = 500;

const compact = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

/**
 * Streams every audit entry that matches, oldest first, page by page (keyset), into the response
 * with backpressure: the next page is read only when the client has taken the last one, and a
 * client that goes away stops the reading.
 */
@Injectable()
export class AuditExporter {
  private readonly logger = new Logger('AuditExport');

  constructor(private readonly log: AuditLogRepository) {}

  async send(response: Response, request: ExportRequest): Promise<void> {
    const { format, ...filter } = request;
    // without an end the range ends now, so an export started during a busy hour still finishes
    const range = { ...filter, to: filter.to ?? new Date() };
    // the first page is read before answering: a database that fails at once is still a clean 500
    const first = await this.log.exportPage(range, null, EXPORT_PAGE);
    const encoding = EXPORT_ENCODINGS[format];
    response.status(200);
    response.setHeader('content-type', encoding.contentType);
    response.setHeader('content-disposition', `attachment; filename="${fileName(format, range.from, range.to)}"`);
    response.setHeader('cache-control', 'no-store');
    response.setHeader('x-content-type-options', 'nosniff');
    try {
      await pipeline(Readable.from(this.chunks(range, first, format), { objectMode: false }), response);
    } catch (error) {
      // the client left (a cancelled download) or the database failed mid-way: either way the
      // response is cut off, never ended cleanly, so the client cannot take a part for the whole
      if (!response.destroyed) response.destroy();
      this.logger.warn(`export ended early: ${(error as Error).message}`);
    }
  }

  /** The header, then one chunk per page. */
  private async *chunks(filter: Omit<AuditFilter, 'limit' | 'after'>, first: AuditEntry[], format: ExportFormat): AsyncGenerator<string> {
    const { header, line } = EXPORT_ENCODINGS[format];
    const head = header();
    if (head) yield head;
    for (let page = first; page.length > 0; ) {
      yield page.map(line).join('');
      const last = page[page.length - 1];
      if (page.length < EXPORT_PAGE || !last) return;
      page = await this.log.exportPage(filter, { occurredAt: last.occurredAt, eventId: last.eventId }, EXPORT_PAGE);
    }
  }
}

export function fileName(format: ExportFormat, from: Date | undefined, to: Date): string {
  return `gridledger-audit-${from ? compact(from) : 'start'}-${compact(to)}.${EXPORT_ENCODINGS[format].extension}`;
}

import type { AuditEntry } from '../audit-log/audit-entry.ts';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const COLUMNS = ['occurredAt', 'action', 'service', 'actorUid', 'actorMsp', 'actorRole', 'assetId', 'requestId', 'txId', 'blockNumber', 'eventId'] as const;

/**
 * One CSV cell, RFC 4180: quoted when it holds a quote, comma or line break, quotes doubled. A
 * cell that a spreadsheet would read as a formula (leading =, +, -, @, or a tab or carriage
 * return that some strip first) gets a leading ' so it stays text (OWASP's CSV injection advice).
 */
export const csvCell = (value: string | null): string => {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const csvHeader = (): string => `${COLUMNS.join(',')}\r\n`;

export const csvLine = (entry: AuditEntry): string => `${COLUMNS.map((c) => csvCell(entry[c])).join(',')}\r\n`;

/** JSON Lines: the whole entry, its event data included; JSON escapes line breaks, so one entry is one line. */
export const jsonLine = (entry: AuditEntry): string => `${JSON.stringify(entry)}\n`;

/** The export's media type, file name and lines, per format. */
export const EXPORT_ENCODINGS: Record<ExportFormat, { contentType: string; extension: string; header: () => string; line: (entry: AuditEntry) => string }> = {
  csv: { contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv', header: csvHeader, line: csvLine },
  jsonl: { contentType: 'application/jsonl; charset=utf-8', extension: 'jsonl', header: () => '', line: jsonLine },
};

/** The whole CSV for a few entries in memory (tests; a report streams with csvHeader and csvLine). */
export const auditCsv = (entries: readonly AuditEntry[]): string => csvHeader() + entries.map(csvLine).join('');

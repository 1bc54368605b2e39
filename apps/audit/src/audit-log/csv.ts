import type { AuditEntry } from './audit-entry.ts';

const COLUMNS = ['occurredAt', 'action', 'service', 'actorUid', 'actorMsp', 'actorRole', 'assetId', 'requestId', 'txId', 'blockNumber', 'eventId'] as const;

/** RFC 4180: quoted when needed, quotes doubled; a leading =, +, - or @ is defused so spreadsheets do not run it. */
const cell = (value: string | null): string => {
  if (value === null) return '';
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function auditCsv(entries: readonly AuditEntry[]): string {
  return [COLUMNS.join(','), ...entries.map((e) => COLUMNS.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n';
}

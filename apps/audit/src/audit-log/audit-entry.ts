import type { CloudEvent } from '@gridledger/contracts';

/** One row of the audit log: who did what, when, to which asset, in which transaction, reported by which service. */
export interface AuditEntry {
  eventId: string;
  topic: string;
  /** the topic without prefix and version: "chain.asset-registered", "storage.file-downloaded" */
  action: string;
  service: string;
  subject: string;
  occurredAt: string;
  actorUid: string | null;
  actorMsp: string | null;
  actorRole: string | null;
  assetId: string | null;
  requestId: string | null;
  txId: string | null;
  blockNumber: string | null;
  data: Record<string, unknown>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const first = (...values: unknown[]): string | null => values.map(text).find((v) => v !== null) ?? null;

/**
 * Reads the audit facts out of any GridLedger event. Chain events carry their signer (from the
 * certificate that signed the transaction); service events name the user they acted for.
 */
export function auditEntryOf(topic: string, event: CloudEvent<unknown>): AuditEntry {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
  const signer = (typeof data['signer'] === 'object' && data['signer'] !== null ? data['signer'] : {}) as Record<string, unknown>;
  const subjects = (typeof data['subjects'] === 'object' && data['subjects'] !== null ? data['subjects'] : {}) as Record<string, unknown>;
  return {
    eventId: event.id,
    topic,
    action: topic.replace(/^gridledger\./, '').replace(/\.v\d+$/, ''),
    service: event.source.split('/').filter(Boolean).pop() ?? event.source,
    subject: event.subject,
    occurredAt: event.time,
    actorUid: first(signer['uid'], data['ownerId'], data['consumerId'], data['userId'], data['registeredBy'], data['suspendedBy'], data['reactivatedBy']),
    actorMsp: first(signer['mspId'], data['mspId']),
    actorRole: first(signer['role'], data['role']),
    assetId: first(subjects['assetId'], data['assetId']),
    requestId: first(subjects['requestId'], data['requestId']),
    txId: first(data['txId']),
    blockNumber: first(data['blockNumber']),
    data,
  };
}

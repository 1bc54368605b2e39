import type { AuditEntry } from '../audit-log/audit-entry.ts';

export const VIOLATION_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type ViolationState = (typeof VIOLATION_STATES)[number];
export type ViolationAction = 'acknowledge' | 'resolve';
/** who reported it: storage, when bytes disagreed with the chain as it served them; reconciliation, on its hourly (or on-demand) comparison */
export type ViolationSource = 'storage' | 'reconciliation';

/** One report of a violation, read from a storage or reconciliation integrity-violation event. */
export interface Sighting {
  assetId: string;
  kind: string;
  source: ViolationSource;
  /** the copy that disagrees with the chain: storage, ipfs, access-policy */
  where: string;
  expected: string | null;
  actual: string | null;
  seenAt: string;
  eventId: string;
}

/** What a sighting changes on the violation it belongs to (same asset, same kind). */
export interface SightingEffect {
  state: ViolationState;
  reopened: boolean;
}

/** Refusals as the API gives them: code and sentence. */
export interface Refusal {
  status: 409;
  code: 'ALREADY_IN_STATE' | 'FAILED_PRECONDITION';
  message: string;
}

/**
 * The regulator's moves: open → acknowledged → resolved, or open → resolved at once. Doing the
 * same thing twice is refused (nothing changes, and who did it first stays recorded); a resolved
 * violation is not acknowledged after the fact: it is reopened only by being found again.
 */
export function transition(from: ViolationState, action: ViolationAction): { to: ViolationState } | { refusal: Refusal } {
  if (action === 'acknowledge') {
    if (from === 'open') return { to: 'acknowledged' };
    if (from === 'acknowledged') return { refusal: { status: 409, code: 'ALREADY_IN_STATE', message: 'this violation is acknowledged already' } };
    return { refusal: { status: 409, code: 'FAILED_PRECONDITION', message: 'this violation is resolved; it reopens by itself if it is found again' } };
  }
  if (from === 'resolved') return { refusal: { status: 409, code: 'ALREADY_IN_STATE', message: 'this violation is resolved already' } };
  return { to: 'resolved' };
}

/**
 * The same finding seen again is the same violation, never a second one. Found again after it was
 * resolved, it is open again: the fix did not hold. A report from before the resolution (a late
 * event) changes nothing; an open or acknowledged one stays as it is.
 */
export function afterSighting(state: ViolationState, resolvedAt: string | null, seenAt: string): SightingEffect {
  const reopened = state === 'resolved' && (resolvedAt === null || Date.parse(seenAt) > Date.parse(resolvedAt));
  return { state: reopened ? 'open' : state, reopened };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The violation an audit entry reports, if it reports one: storage's and reconciliation's events, each validated by its topic's schema on the way in. */
export function sightingOf(entry: AuditEntry): Sighting | null {
  const source: ViolationSource | null = entry.action === 'storage.integrity-violation' ? 'storage' : entry.action === 'audit.integrity-violation' ? 'reconciliation' : null;
  const assetId = text(entry.data['assetId']);
  const kind = text(entry.data['kind']);
  if (!source || !assetId || !kind) return null;
  return { assetId, kind, source, where: text(entry.data['where']) ?? 'storage', expected: text(entry.data['expected']), actual: text(entry.data['actual']), seenAt: entry.occurredAt, eventId: entry.eventId };
}

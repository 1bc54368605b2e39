import type { ChainEvent } from '@gridledger/contracts';
import type { Decision, PartyRef, RequestStatus } from '@gridledger/domain';

/** A request as the read model keeps it. */
export interface RequestState {
  requestId: string;
  assetId: string;
  owner: PartyRef;
  consumer: PartyRef;
  purpose: string;
  durationSeconds: number;
  priceCredits: number;
  requiresRegulator: boolean;
  status: RequestStatus;
  decisions: Decision[];
  grantExpiresAt: string | null;
  maxDownloads: number | null;
  remainingDownloads: number | null;
  createdAt: string;
  updatedAt: string;
  lastTxId: string;
}

/** The chain events that move a request. */
export const REQUEST_EVENTS = ['AccessRequested', 'RequestOwnerApproved', 'AccessGranted', 'RequestRejected', 'GrantRevoked', 'RequestExpired', 'KeyReleased', 'DownloadRecorded'] as const;

const party = (value: unknown): PartyRef => {
  const { mspId, uid } = (value ?? {}) as Partial<PartyRef>;
  return { mspId: String(mspId ?? ''), uid: String(uid ?? '') };
};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The request after `event`, from the request before it (null if the read model has none yet).
 * Returns null when the event cannot apply: a later event for a request whose creation this read
 * model never saw (rebuild it from the chain), or an event that is not about requests.
 */
export function applyRequestEvent(current: RequestState | null, event: ChainEvent): RequestState | null {
  const { data, signer, timestamp: at, txId } = event;
  const requestId = event.subjects.requestId;
  const assetId = event.subjects.assetId;
  if (!requestId || !assetId) return null;
  if (event.event === 'AccessRequested') {
    if (current) return current;
    return {
      requestId,
      assetId,
      owner: party(data['owner']),
      consumer: party(data['consumer']),
      purpose: text(data['purpose']),
      durationSeconds: count(data['durationSeconds']) ?? 0,
      priceCredits: count(data['escrowedCredits']) ?? 0,
      requiresRegulator: data['requiresRegulator'] === true,
      status: 'pending-owner',
      decisions: [],
      grantExpiresAt: null,
      maxDownloads: null,
      remainingDownloads: null,
      createdAt: at,
      updatedAt: at,
      lastTxId: txId,
    };
  }
  if (!current || current.lastTxId === txId) return null;
  const decided = (decision: Decision['decision'], reason: string): Decision[] => [...current.decisions, { by: signer, decision, reason, at, txId }];
  const next = { ...current, updatedAt: at, lastTxId: txId };
  switch (event.event) {
    case 'RequestOwnerApproved':
      return { ...next, status: 'pending-regulator', requiresRegulator: true, decisions: decided('approved', text(data['reason'])) };
    case 'AccessGranted': {
      const maxDownloads = count(data['maxDownloads']);
      return { ...next, status: 'granted', decisions: decided('approved', text(data['reason'])), grantExpiresAt: text(data['expiresAt']) || null, maxDownloads, remainingDownloads: maxDownloads };
    }
    case 'RequestRejected':
      return { ...next, status: 'rejected', decisions: decided('rejected', text(data['reason'])) };
    case 'GrantRevoked':
      return { ...next, status: 'revoked', decisions: decided('revoked', text(data['reason'])) };
    case 'RequestExpired':
      return { ...next, status: 'expired', decisions: decided('expired', `was ${text(data['previousStatus'])}`) };
    case 'KeyReleased':
    case 'DownloadRecorded':
      return { ...next, remainingDownloads: count(data['remainingDownloads']) ?? current.remainingDownloads };
    default:
      return null;
  }
}

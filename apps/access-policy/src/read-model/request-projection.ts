import type { TypedChainEvent } from '@gridledger/contracts';
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
  /** a subscription to the asset's data product, and how many versions it has received */
  subscription: SubscriptionState | null;
  /** the subscription that delivered this grant on a newly published version */
  deliveredBy: string | null;
  createdAt: string;
  updatedAt: string;
  lastTxId: string;
}

export interface SubscriptionState {
  productId: string;
  versionsPaid: number;
  versionsDelivered: number;
  installmentCredits: number;
}

/** A party as the read model keeps it: exactly its organisation and user id, whatever else an event carries. */
const party = ({ mspId, uid }: PartyRef): PartyRef => ({ mspId, uid });

/** The chain events that move a request. */
export const REQUEST_EVENTS = ['AccessRequested', 'RequestOwnerApproved', 'AccessGranted', 'RequestRejected', 'GrantRevoked', 'RequestExpired', 'KeyReleased', 'DownloadRecorded'] as const;

/**
 * The request after `event`, from the request before it (null if the read model has none yet).
 * Returns null when the event cannot apply: a later event for a request whose creation this read
 * model never saw (rebuild it from the chain), or an event that is not about requests.
 */
export function applyRequestEvent(current: RequestState | null, event: TypedChainEvent): RequestState | null {
  const { signer, timestamp: at, txId } = event;
  const requestId = event.subjects.requestId;
  const assetId = event.subjects.assetId;
  if (!requestId || !assetId) return null;
  if (event.event === 'AccessRequested') {
    if (current) return current;
    return {
      requestId,
      assetId,
      owner: party(event.data.owner),
      consumer: party(event.data.consumer),
      purpose: event.data.purpose,
      durationSeconds: event.data.durationSeconds,
      priceCredits: event.data.escrowedCredits,
      requiresRegulator: event.data.requiresRegulator,
      status: 'pending-owner',
      decisions: [],
      grantExpiresAt: null,
      maxDownloads: null,
      remainingDownloads: null,
      subscription: event.data.subscription ? { ...event.data.subscription, versionsDelivered: 0 } : null,
      deliveredBy: null,
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
      return { ...next, status: 'pending-regulator', requiresRegulator: true, decisions: decided('approved', event.data.reason) };
    case 'AccessGranted': {
      const { maxDownloads, reason = '', expiresAt } = event.data;
      // a subscription's grant delivers the version it was requested on
      const subscription = next.subscription ? { ...next.subscription, versionsDelivered: 1 } : null;
      return { ...next, status: 'granted', decisions: decided('approved', reason), grantExpiresAt: expiresAt ?? null, maxDownloads, remainingDownloads: maxDownloads, subscription };
    }
    case 'RequestRejected':
      return { ...next, status: 'rejected', decisions: decided('rejected', event.data.reason) };
    case 'GrantRevoked':
      return { ...next, status: 'revoked', decisions: decided('revoked', event.data.reason) };
    case 'RequestExpired':
      return { ...next, status: 'expired', decisions: decided('expired', `was ${event.data.previousStatus}`) };
    case 'KeyReleased':
    case 'DownloadRecorded':
      return { ...next, remainingDownloads: event.data.remainingDownloads };
    default:
      return null;
  }
}

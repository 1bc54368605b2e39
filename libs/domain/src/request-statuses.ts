import { isOneOf } from './one-of.ts';

export const REQUEST_STATUSES = ['pending-owner', 'pending-regulator', 'granted', 'rejected', 'revoked', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const isRequestStatus = isOneOf(REQUEST_STATUSES);

/** Statuses in which a request may still lead to a key release. */
export const OPEN_REQUEST_STATUSES = ['pending-owner', 'pending-regulator', 'granted'] as const satisfies readonly RequestStatus[];
/** Statuses that wait for someone's decision; they expire when nobody decides. */
export const PENDING_REQUEST_STATUSES = ['pending-owner', 'pending-regulator'] as const satisfies readonly RequestStatus[];

/** A pending request not decided within this time expires, and its escrow is refunded. */
export const PENDING_REQUEST_TTL_SECONDS = 7 * 24 * 3600;

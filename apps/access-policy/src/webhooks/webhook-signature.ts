import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The headers a delivery carries: when it was signed (Unix seconds) and the signature over that time and the body. */
export const TIMESTAMP_HEADER = 'x-gridledger-timestamp';
export const SIGNATURE_HEADER = 'x-gridledger-signature';
export const SIGNATURE_SCHEME = 'v1';

/** A fresh per-webhook secret: 32 random bytes, shown to the admin once. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`: binding the time into the MAC is what lets a receiver refuse replays. */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return `${SIGNATURE_SCHEME}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does, here so the documentation's recipe is tested: the signature must match in
 * constant time and the timestamp must be within the tolerance of the receiver's clock.
 */
export function verifyDelivery(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signDelivery(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

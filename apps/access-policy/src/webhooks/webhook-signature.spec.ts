import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signDelivery, verifyDelivery } from './webhook-signature.ts';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"kind":"request.awaiting-owner"}';

  it('is HMAC-SHA256 over "<timestamp>.<body>" in hex, behind the scheme', () => {
    const expected = createHmac('sha256', secret).update(`1765000000.${body}`).digest('hex');
    expect(signDelivery(secret, 1_765_000_000, body)).toBe(`v1=${expected}`);
  });

  it('verifies a fresh delivery and refuses a changed body, another secret or a changed time', () => {
    const signature = signDelivery(secret, 1_765_000_000, body);
    expect(verifyDelivery(secret, { timestamp: '1765000000', signature }, body, 1_765_000_010)).toBe(true);
    expect(verifyDelivery(secret, { timestamp: '1765000000', signature }, `${body} `, 1_765_000_010)).toBe(false);
    expect(verifyDelivery('whsec_other', { timestamp: '1765000000', signature }, body, 1_765_000_010)).toBe(false);
    expect(verifyDelivery(secret, { timestamp: '1765000001', signature }, body, 1_765_000_010)).toBe(false);
    expect(verifyDelivery(secret, { timestamp: undefined, signature }, body, 1_765_000_010)).toBe(false);
  });

  it('refuses a replay older than the tolerance', () => {
    const signature = signDelivery(secret, 1_765_000_000, body);
    expect(verifyDelivery(secret, { timestamp: '1765000000', signature }, body, 1_765_000_000 + 301)).toBe(false);
    expect(verifyDelivery(secret, { timestamp: '1765000000', signature }, body, 1_765_000_000 + 300)).toBe(true);
  });

  it('makes a different secret every time', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

import { describe, expect, it } from 'vitest';
import { hashResetToken, newResetToken, resetTokenRefusal } from './reset-token.ts';

describe('password reset tokens', () => {
  it('are random, and kept only as a hash that the token itself finds again', () => {
    const a = newResetToken();
    const b = newResetToken();
    expect(a.token).not.toBe(b.token);
    expect(a.tokenHash).not.toContain(a.token);
    expect(hashResetToken(a.token)).toBe(a.tokenHash);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
  });

  it('refuse a spent token, then an expired one, and accept one that is neither', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const later = new Date('2026-12-04T12:30:00Z');
    expect(resetTokenRefusal({ usedAt: null, expiresAt: later }, now)).toBeUndefined();
    expect(resetTokenRefusal({ usedAt: now, expiresAt: later }, now)?.code).toBe('RESET_TOKEN_USED');
    expect(resetTokenRefusal({ usedAt: null, expiresAt: now }, now)?.code).toBe('RESET_TOKEN_EXPIRED');
    expect(resetTokenRefusal({ usedAt: now, expiresAt: now }, later)?.code).toBe('RESET_TOKEN_USED');
  });
});

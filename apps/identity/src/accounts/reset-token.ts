import { createHash, randomBytes } from 'node:crypto';
import type { IdentityErrorCode } from '../common/identity-error.ts';

/** Long enough for an admin to pass it on to the user, short enough that a leaked one soon dies. */
export const RESET_TOKEN_TTL_SECONDS = 30 * 60;

export const hashResetToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** 32 random bytes: guessing one is hopeless, so the hash needs no salt and can be looked up. */
export function newResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashResetToken(token) };
}

/** Why a stored token can no longer set a password, or undefined while it can. */
export function resetTokenRefusal(stored: { usedAt: Date | null; expiresAt: Date }, now: Date): { code: IdentityErrorCode; message: string } | undefined {
  if (stored.usedAt) return { code: 'RESET_TOKEN_USED', message: 'this reset token was already used or replaced by a newer one; ask your admin for a new one' };
  if (stored.expiresAt.getTime() <= now.getTime()) return { code: 'RESET_TOKEN_EXPIRED', message: `this reset token expired at ${stored.expiresAt.toISOString()}; ask your admin for a new one` };
  return undefined;
}

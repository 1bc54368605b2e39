import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { IdentityError } from '../common/identity-error.ts';
import type { IdentityConfig } from '../config/identity-config.ts';

const MINUTE_MS = 60_000;

/**
 * The client's address: the public entry's X-Forwarded-For when the call came through it (the
 * entry drops any the browser sent and writes the socket's address), else the socket's own.
 */
export function clientAddress(request: Pick<Request, 'headers' | 'socket'>): string {
  const forwarded = request.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.at(-1) : forwarded)?.split(',').at(-1)?.trim();
  return last || request.socket.remoteAddress || 'unknown';
}

/** The account named in a sign-in body, case-folded so `Alice` and `alice` share one budget. */
export function signInAccount(request: Pick<Request, 'body'>): string {
  const username = (request.body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 200) : '(none)';
}

/** Two budgets a minute: one per account (guessing one password), one per client address (trying many accounts). */
export const signInThrottlerModule = (config: IdentityConfig) =>
  ThrottlerModule.forRoot({
    throttlers: [
      { name: 'account', ttl: MINUTE_MS, limit: config.login.perAccountPerMinute, getTracker: (request) => signInAccount(request as Request) },
      { name: 'address', ttl: MINUTE_MS, limit: config.login.perAddressPerMinute, getTracker: (request) => clientAddress(request as Request) },
    ],
  });

/** Over a budget: 429 TOO_MANY_REQUESTS with Retry-After, in the service's own error shape. */
@Injectable()
export class SignInThrottle extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new IdentityError('TOO_MANY_REQUESTS', `too many sign-in attempts for this account or from this address; try again in ${seconds} s`);
  }
}

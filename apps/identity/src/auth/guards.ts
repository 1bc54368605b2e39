import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { IdentityError } from '../common/identity-error.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';
import type { UserEntity } from '../database/entities.ts';
import { AuthService } from './auth.service.ts';

export interface AuthenticatedRequest extends Request {
  user: UserEntity;
}

/** Requires a valid access token of an active user and puts the user on the request. */
@Injectable()
export class UserGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = await this.auth.authenticate(request.headers.authorization);
    return true;
  }
}

/** Internal endpoints (signing, key rotation) answer only to the service credential. */
@Injectable()
export class ServiceGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(IDENTITY_CONFIG) config: IdentityConfig) {
    this.expected = createHash('sha256').update(config.serviceToken).digest();
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const presented = createHash('sha256').update(/^Bearer (.+)$/i.exec(header)?.[1] ?? '').digest();
    // compare digests, so neither length nor content leaks through timing
    if (!timingSafeEqual(presented, this.expected)) throw new IdentityError('UNAUTHENTICATED', 'this internal endpoint needs the service credential');
    return true;
  }
}

import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessError } from '../common/access-error.ts';

/** Operator endpoints take the platform's service credential, never a user's token. */
@Injectable()
export class ServiceGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ACCESS_POLICY_CONFIG) config: AccessPolicyConfig) {
    this.expected = Buffer.from(`Bearer ${config.ACCESS_POLICY_SERVICE_TOKEN}`);
  }

  canActivate(context: ExecutionContext): boolean {
    const presented = Buffer.from(context.switchToHttp().getRequest<Request>().headers.authorization ?? '');
    if (presented.length === this.expected.length && timingSafeEqual(presented, this.expected)) return true;
    throw new AccessError('UNAUTHENTICATED', 'this endpoint takes the platform service credential', 401);
  }
}

import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { isServiceCredential } from '@gridledger/access-token';
import type { Request } from 'express';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessError } from '../common/access-error.ts';

/** Operator endpoints take the platform's service credential, never a user's token. */
@Injectable()
export class ServiceGuard implements CanActivate {
  constructor(@Inject(ACCESS_POLICY_CONFIG) private readonly config: AccessPolicyConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (isServiceCredential(context.switchToHttp().getRequest<Request>().headers.authorization, this.config.ACCESS_POLICY_SERVICE_TOKEN)) return true;
    throw new AccessError('UNAUTHENTICATED', 'this endpoint takes the platform service credential', 401);
  }
}

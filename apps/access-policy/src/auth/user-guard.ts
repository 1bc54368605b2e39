import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AccessTokenError, AccessTokenVerifier, SuspensionFeed, tokenRefusal, type PlatformUser } from '@gridledger/access-token';
import type { Request } from 'express';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessError } from '../common/access-error.ts';

export type { PlatformUser };
export type AuthenticatedRequest = Request & { user: PlatformUser };

/** Verifies the identity service's access token; the caller becomes `request.user`. */
@Injectable()
export class UserGuard implements CanActivate {
  private readonly verifier: AccessTokenVerifier;

  constructor(@Inject(ACCESS_POLICY_CONFIG) config: AccessPolicyConfig, suspensions: SuspensionFeed) {
    this.verifier = AccessTokenVerifier.forIdentityService(config.ACCESS_POLICY_IDENTITY_URL, suspensions);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      request.user = await this.verifier.verifyHeader(request.headers.authorization);
      return true;
    } catch (error) {
      if (error instanceof AccessTokenError) {
        const { code, status } = tokenRefusal(error);
        throw new AccessError(code, error.message, status);
      }
      throw error;
    }
  }
}

import { AccessTokenError, tokenRefusal, type PlatformUser } from '@gridledger/access-token';
import { ApiError } from '@gridledger/api-errors';
import { isRegulator, type Role } from '@gridledger/domain';
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CALLER_AUTH, type CallerAuth } from './caller-auth.ts';

export type { PlatformUser };
export type AuthenticatedRequest = Request & { user: PlatformUser };

const ALLOWED_ROLES = 'gridledger:allowed-roles';

interface AllowedRoles {
  roles: readonly Role[];
  refusal: string;
}

/**
 * Only these roles may call a route behind UserGuard, with the sentence a refused user reads.
 * `regulator` means the regulator role in the regulator organisation, as the chaincode has it.
 */
export const AllowRoles = (roles: readonly Role[], refusal: string) => SetMetadata(ALLOWED_ROLES, { roles, refusal } satisfies AllowedRoles);

/** An access token refused, as the ApiError a caller reads: `users.verify(token).catch(refuseUser)`. */
export function refuseUser(error: unknown): never {
  if (!(error instanceof AccessTokenError)) throw error;
  const { code, status } = tokenRefusal(error);
  throw new ApiError(code, error.message, status);
}

/** Verifies the identity service's access token (and the route's roles); the caller becomes `request.user`. */
@Injectable()
export class UserGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CALLER_AUTH) private readonly auth: CallerAuth,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!this.auth.users) throw new Error(`the ${this.auth.audience} service has no identity service configured for users' tokens`);
    request.user = await this.auth.users.verifyHeader(request.headers.authorization).catch(refuseUser);
    const allowed = this.reflector.getAllAndOverride<AllowedRoles | undefined>(ALLOWED_ROLES, [context.getHandler(), context.getClass()]);
    if (allowed && !allowed.roles.some((role) => (role === 'regulator' ? isRegulator(request.user.role, request.user.mspId) : request.user.role === role))) {
      throw new ApiError('FORBIDDEN', allowed.refusal, 403);
    }
    return true;
  }
}

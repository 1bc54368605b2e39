import { ApiError } from '@gridledger/api-errors';
import { ServiceAuthError, verifyServiceToken, type PrincipalName } from '@gridledger/service-auth';
import { Inject, Injectable, Logger, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CALLER_AUTH, type CallerAuth } from './caller-auth.ts';

const ACCEPTED_CALLERS = 'gridledger:accepted-callers';

/** Which services (or the operator) may call a route behind ServiceGuard; a route that names none accepts nobody. */
export const AcceptCallers = (...callers: PrincipalName[]) => SetMetadata(ACCEPTED_CALLERS, callers);

export interface ServiceRequest extends Request {
  /** the caller a valid service token proved */
  caller: PrincipalName;
}

/**
 * Internal endpoints answer only to the callers their route (or controller) accepts, each proved
 * by its own short-lived ES256 service token for this service, never a user's token or one
 * minted for another service.
 */
@Injectable()
export class ServiceGuard implements CanActivate {
  private readonly logger = new Logger('ServiceGuard');

  constructor(
    private readonly reflector: Reflector,
    @Inject(CALLER_AUTH) private readonly auth: CallerAuth,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ServiceRequest>();
    const accept = this.reflector.getAllAndOverride<PrincipalName[] | undefined>(ACCEPTED_CALLERS, [context.getHandler(), context.getClass()]) ?? [];
    request.caller = await verifyServiceCaller(request, this.auth, accept, this.logger);
    return true;
  }
}

/** The service token's caller, or the refusal as an ApiError; a refusal is logged, as it is a misconfigured or a hostile caller. */
export async function verifyServiceCaller(request: Request, auth: CallerAuth, accept: readonly PrincipalName[], logger: Logger): Promise<PrincipalName> {
  try {
    return await verifyServiceToken(request.headers.authorization, { registry: auth.registry, audience: auth.audience, accept });
  } catch (error) {
    if (!(error instanceof ServiceAuthError)) throw error;
    logger.warn(`refused ${request.method} ${request.path}: ${error.code} (${error.message})`);
    throw new ApiError(error.code, error.message, error.status);
  }
}

import { Inject, Injectable, Logger, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ServiceAuthError, verifyServiceToken, type PrincipalName } from '@gridledger/service-auth';
import type { Request } from 'express';
import { IdentityError } from '../common/identity-error.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';

const ACCEPTED_CALLERS = 'gridledger:accepted-callers';

/** Which services (or the operator) may call a route behind ServiceGuard; a route that names none accepts nobody. */
export const AcceptCallers = (...callers: PrincipalName[]) => SetMetadata(ACCEPTED_CALLERS, callers);

export interface ServiceRequest extends Request {
  /** the caller a valid service token proved */
  caller: PrincipalName;
}

/**
 * Internal endpoints answer only to the callers their route accepts, each proved by its own
 * short-lived ES256 service token, checked against the registry of public keys.
 */
@Injectable()
export class ServiceGuard implements CanActivate {
  private readonly logger = new Logger('ServiceGuard');

  constructor(
    private readonly reflector: Reflector,
    @Inject(IDENTITY_CONFIG) private readonly config: Pick<IdentityConfig, 'serviceKeys'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ServiceRequest>();
    const accept = this.reflector.getAllAndOverride<PrincipalName[] | undefined>(ACCEPTED_CALLERS, [context.getHandler(), context.getClass()]) ?? [];
    try {
      request.caller = await verifyServiceToken(request.headers.authorization, { registry: this.config.serviceKeys, audience: 'identity', accept });
      return true;
    } catch (error) {
      if (!(error instanceof ServiceAuthError)) throw error;
      // a refused internal call is worth a line: it is a misconfigured or a hostile caller
      this.logger.warn(`refused ${request.method} ${request.path}: ${error.code} (${error.message})`);
      throw new IdentityError(error.code, error.message);
    }
  }
}

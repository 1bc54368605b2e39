import { ServiceAuthError, verifyServiceToken, type PrincipalName } from '@gridledger/service-auth';
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { StorageError } from '../common/storage-error.ts';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';

const ACCEPTED_CALLERS = 'gridledger:accepted-callers';

/** Which services (or the operator) may call a route behind ServiceGuard; a route that names none accepts nobody. */
export const AcceptCallers = (...callers: PrincipalName[]) => SetMetadata(ACCEPTED_CALLERS, callers);

/**
 * The internal endpoints answer only the callers their route names (reconciliation: the audit
 * service; re-wrapping after a master-key rotation: the operator), each with its own short-lived
 * service token, never a user's token or another service's.
 */
@Injectable()
export class ServiceGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(STORAGE_CONFIG) private readonly config: StorageConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const accept = this.reflector.getAllAndOverride<PrincipalName[] | undefined>(ACCEPTED_CALLERS, [context.getHandler(), context.getClass()]) ?? [];
    try {
      await verifyServiceToken(context.switchToHttp().getRequest<Request>().headers.authorization, { registry: this.config.auth.registry, audience: 'storage', accept });
      return true;
    } catch (error) {
      if (error instanceof ServiceAuthError) throw new StorageError(error.code, error.message, error.status);
      throw error;
    }
  }
}

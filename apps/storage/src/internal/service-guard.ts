import { ServiceAuthError, verifyServiceToken } from '@gridledger/service-auth';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { StorageError } from '../common/storage-error.ts';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';

/**
 * The internal endpoints (file records, pin checks) answer the audit service's reconciliation
 * alone: its own short-lived service token, never a user's token or another service's.
 */
@Injectable()
export class ServiceGuard implements CanActivate {
  constructor(@Inject(STORAGE_CONFIG) private readonly config: StorageConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      await verifyServiceToken(context.switchToHttp().getRequest<Request>().headers.authorization, { registry: this.config.auth.registry, audience: 'storage', accept: ['audit'] });
      return true;
    } catch (error) {
      if (error instanceof ServiceAuthError) throw new StorageError(error.code, error.message, error.status);
      throw error;
    }
  }
}

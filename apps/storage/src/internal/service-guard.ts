import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { isServiceCredential } from '@gridledger/access-token';
import type { Request } from 'express';
import { StorageError } from '../common/storage-error.ts';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';

/** The internal endpoints take the platform's service credential, never a user's token. */
@Injectable()
export class ServiceGuard implements CanActivate {
  constructor(@Inject(STORAGE_CONFIG) private readonly config: StorageConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (isServiceCredential(context.switchToHttp().getRequest<Request>().headers.authorization, this.config.STORAGE_SERVICE_TOKEN)) return true;
    throw new StorageError('UNAUTHENTICATED', 'this endpoint takes the platform service credential', 401);
  }
}

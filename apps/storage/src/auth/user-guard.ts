import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AccessTokenError, AccessTokenVerifier, SuspensionFeed, tokenRefusal, type PlatformUser } from '@gridledger/access-token';
import type { Request } from 'express';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { StorageError } from '../common/storage-error.ts';

export type { PlatformUser };
export type AuthenticatedRequest = Request & { user: PlatformUser };

/** Verifies the identity service's access token; the caller becomes `request.user`. */
@Injectable()
export class UserGuard implements CanActivate {
  private readonly verifier: AccessTokenVerifier;

  constructor(@Inject(STORAGE_CONFIG) config: StorageConfig, suspensions: SuspensionFeed) {
    this.verifier = AccessTokenVerifier.forIdentityService(config.STORAGE_IDENTITY_URL, suspensions);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      request.user = await this.verifier.verifyHeader(request.headers.authorization);
      return true;
    } catch (error) {
      if (error instanceof AccessTokenError) {
        const { code, status } = tokenRefusal(error);
        throw new StorageError(code, error.message, status);
      }
      throw error;
    }
  }
}

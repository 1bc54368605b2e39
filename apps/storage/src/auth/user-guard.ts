import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { StorageError } from '../common/storage-error.ts';

export interface PlatformUser {
  id: string;
  mspId: string;
  role: 'owner' | 'consumer' | 'regulator' | 'admin';
}

export type AuthenticatedRequest = Request & { user: PlatformUser };

/** Verifies the identity service's ES256 access token against its JWKS (fetched and cached by jose). */
@Injectable()
export class UserGuard implements CanActivate {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(STORAGE_CONFIG) config: StorageConfig) {
    this.jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', config.STORAGE_IDENTITY_URL));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new StorageError('UNAUTHENTICATED', 'sign in first: this call needs an access token (Authorization: Bearer …)', 401);
    try {
      const { payload } = await jwtVerify(token, this.jwks, { issuer: 'gridledger-identity', audience: 'gridledger', algorithms: ['ES256'] });
      const role = payload['role'];
      if (typeof payload.sub !== 'string' || typeof payload['org'] !== 'string' || !['owner', 'consumer', 'regulator', 'admin'].includes(String(role))) throw new Error('claims');
      request.user = { id: payload.sub, mspId: payload['org'], role: role as PlatformUser['role'] };
      return true;
    } catch {
      throw new StorageError('INVALID_TOKEN', 'the access token is invalid or expired; sign in again', 401);
    }
  }
}

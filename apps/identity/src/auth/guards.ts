import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { UserEntity } from '../database/entities.ts';
import { AuthService } from './auth.service.ts';

export interface AuthenticatedRequest extends Request {
  user: UserEntity;
}

/** Requires a valid access token of an active user and puts the user on the request. */
@Injectable()
export class UserGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = await this.auth.authenticate(request.headers.authorization);
    return true;
  }
}

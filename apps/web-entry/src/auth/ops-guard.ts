import { HttpException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { isRegulator } from '@gridledger/domain';
import type { Request } from 'express';
import { UserVerifier } from './user-verifier.ts';

/** The ops figures are for organisation admins and the regulator (architecture: admins watch the ops dashboard). */
@Injectable()
export class OpsGuard implements CanActivate {
  constructor(private readonly verifier: UserVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const verified = await this.verifier.verify(request.headers.authorization);
    if ('problem' in verified) throw new HttpException({ statusCode: verified.status, code: verified.code, message: verified.problem }, verified.status);
    if (verified.user.role !== 'admin' && !isRegulator(verified.user.role, verified.user.mspId)) {
      throw new HttpException({ statusCode: 403, code: 'FORBIDDEN', message: 'the ops dashboard is for organisation admins and the regulator' }, 403);
    }
    return true;
  }
}

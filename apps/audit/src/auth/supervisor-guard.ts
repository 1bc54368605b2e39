import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AccessTokenError, AccessTokenVerifier, SuspensionFeed, tokenRefusal, type PlatformUser } from '@gridledger/access-token';
import { isRegulator } from '@gridledger/domain';
import type { Request } from 'express';
import { AUDIT_CONFIG, type AuditConfig } from '../config/audit-config.ts';

export type SupervisorRequest = Request & { user: PlatformUser };

/**
 * The audit API is for regulators (everything) and organisation admins (their own
 * organisation's actions); everyone else is refused. A regulator is the role of RegulatorMSP,
 * as the chaincode has it.
 */
@Injectable()
export class SupervisorGuard implements CanActivate {
  private readonly verifier: AccessTokenVerifier;

  constructor(@Inject(AUDIT_CONFIG) config: AuditConfig, suspensions: SuspensionFeed) {
    this.verifier = AccessTokenVerifier.forIdentityService(config.AUDIT_IDENTITY_URL, suspensions);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SupervisorRequest>();
    try {
      request.user = await this.verifier.verifyHeader(request.headers.authorization);
    } catch (error) {
      if (error instanceof AccessTokenError) {
        const { code, status } = tokenRefusal(error);
        throw new HttpException({ statusCode: status, code, message: error.message }, status);
      }
      throw error;
    }
    if (!isRegulator(request.user.role, request.user.mspId) && request.user.role !== 'admin') {
      throw new HttpException({ statusCode: 403, code: 'FORBIDDEN', message: 'the audit log is for regulators and organisation admins' }, 403);
    }
    return true;
  }
}

/** An admin sees their own organisation; a regulator whatever they ask for. */
export const orgScope = (user: PlatformUser, requested: string | undefined): string | undefined => (isRegulator(user.role, user.mspId) ? requested : user.mspId);

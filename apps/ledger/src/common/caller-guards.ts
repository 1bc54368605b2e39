import type { PlatformUser } from '@gridledger/access-token';
import { ApiError } from '@gridledger/api-errors';
import { CALLER_AUTH, refuseUser, verifyServiceCaller, type CallerAuth } from '@gridledger/nest-service';
import { QUERY_READERS, SERVICE_TOKEN_TYPE, type PrincipalName } from '@gridledger/service-auth';
import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { decodeProtectedHeader } from 'jose';

/** Who called the ledger's read API, as the guard proved it. */
export type LedgerCaller = { kind: 'service'; service: PrincipalName } | { kind: 'user'; user: PlatformUser; accessToken: string };
export type LedgerRequest = Request & { caller?: LedgerCaller };

const bearer = (request: Request) => /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];

const isServiceToken = (token: string) => {
  try {
    return decodeProtectedHeader(token).typ === SERVICE_TOKEN_TYPE;
  } catch {
    return false;
  }
};

/**
 * The reads: a service that reads on users' behalf (its own short-lived token), or a user with
 * their own access token (through the public entry), whose reads are then evaluated as them.
 * The one guard of the platform that takes either kind of token, so it is the ledger's own.
 */
@Injectable()
export class QueryCallerGuard implements CanActivate {
  private readonly logger = new Logger('QueryCallerGuard');

  constructor(@Inject(CALLER_AUTH) private readonly auth: CallerAuth) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    const token = bearer(request);
    if (!token) throw new ApiError('UNAUTHENTICATED', "the ledger API needs a service token or the user's access token (Authorization: Bearer …)", 401);
    if (isServiceToken(token)) {
      request.caller = { kind: 'service', service: await verifyServiceCaller(request, this.auth, QUERY_READERS, this.logger) };
      return true;
    }
    if (!this.auth.users) throw new Error("the ledger has no identity service configured for users' tokens");
    request.caller = { kind: 'user', user: await this.auth.users.verify(token).catch(refuseUser), accessToken: token };
    return true;
  }
}

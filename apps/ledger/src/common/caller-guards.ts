import { AccessTokenError, AccessTokenVerifier, SuspensionFeed, tokenRefusal, type PlatformUser } from '@gridledger/access-token';
import { QUERY_READERS, ServiceAuthError, SERVICE_TOKEN_TYPE, verifyServiceToken, type PrincipalName } from '@gridledger/service-auth';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { decodeProtectedHeader } from 'jose';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LedgerError } from './ledger-error.ts';

/** Who called the ledger's HTTP API, as a guard proved it. */
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

async function serviceCaller(request: Request, config: LedgerConfig, accept: readonly PrincipalName[]): Promise<LedgerCaller> {
  try {
    return { kind: 'service', service: await verifyServiceToken(request.headers.authorization, { registry: config.auth.registry, audience: 'ledger', accept }) };
  } catch (error) {
    if (error instanceof ServiceAuthError) throw new LedgerError(error.code, error.message, error.status);
    throw error;
  }
}

/**
 * The reads: a service that reads on users' behalf (its own short-lived token), or a user with
 * their own access token (through the public entry), whose reads are then evaluated as them.
 */
@Injectable()
export class QueryCallerGuard implements CanActivate {
  private readonly users: AccessTokenVerifier;

  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig, suspensions: SuspensionFeed) {
    this.users = AccessTokenVerifier.forIdentityService(config.LEDGER_IDENTITY_URL, suspensions);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    const token = bearer(request);
    if (!token) throw new LedgerError('UNAUTHENTICATED', 'the ledger API needs a service token or the user\'s access token (Authorization: Bearer …)', 401);
    if (isServiceToken(token)) {
      request.caller = await serviceCaller(request, this.config, QUERY_READERS);
      return true;
    }
    try {
      request.caller = { kind: 'user', user: await this.users.verify(token), accessToken: token };
    } catch (error) {
      if (error instanceof AccessTokenError) {
        const { code, status } = tokenRefusal(error);
        throw new LedgerError(code, error.message, status);
      }
      throw error;
    }
    return true;
  }
}

/** Operator actions: the operator, and the access-policy service, which replays the chain to rebuild its read model. */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    request.caller = await serviceCaller(request, this.config, ['operator', 'access-policy']);
    return true;
  }
}

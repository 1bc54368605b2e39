import { ServiceAuthError, verifyServiceToken, type PrincipalName } from '@gridledger/service-auth';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AccessError } from '../common/access-error.ts';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';

async function authorize(context: ExecutionContext, config: AccessPolicyConfig, accept: readonly PrincipalName[]): Promise<boolean> {
  try {
    await verifyServiceToken(context.switchToHttp().getRequest<Request>().headers.authorization, { registry: config.auth.registry, audience: 'access-policy', accept });
    return true;
  } catch (error) {
    if (error instanceof ServiceAuthError) throw new AccessError(error.code, error.message, error.status);
    throw error;
  }
}

/** The read model's internal view (grants): the audit service's reconciliation alone. */
@Injectable()
export class AuditServiceGuard implements CanActivate {
  constructor(@Inject(ACCESS_POLICY_CONFIG) private readonly config: AccessPolicyConfig) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    return authorize(context, this.config, ['audit']);
  }
}

/** Operator actions (expiry now, read-model rebuild): the operator's credential alone. */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(@Inject(ACCESS_POLICY_CONFIG) private readonly config: AccessPolicyConfig) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    return authorize(context, this.config, ['operator']);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { inClientSpan } from '@gridledger/tracing';
import { AccessError } from '../common/access-error.ts';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';

/** A user as the identity service knows them: enough to decide who may receive credits. */
export interface UserStanding {
  id: string;
  mspId: string;
  role: string;
  status: string;
}

/**
 * Asks the identity service (its internal API, as this service) whether a user exists and in
 * which organisation; the chain knows uids only, so without this anyone could be credited.
 */
@Injectable()
export class UserStandingClient {
  constructor(@Inject(ACCESS_POLICY_CONFIG) private readonly config: AccessPolicyConfig) {}

  async standing(userId: string): Promise<UserStanding | undefined> {
    let response: Response;
    try {
      const authorization = `Bearer ${await this.config.auth.credential.token('identity')}`;
      response = await inClientSpan('identity GET /internal/users/standing', { 'http.request.method': 'GET' }, (traceHeaders) =>
        fetch(new URL(`/internal/users/${encodeURIComponent(userId)}/standing`, this.config.ACCESS_POLICY_IDENTITY_URL), { headers: { ...traceHeaders, authorization }, signal: AbortSignal.timeout(10_000) }),
      );
    } catch (error) {
      throw new AccessError('UNAVAILABLE', `the identity service cannot be reached: ${(error as Error).message}`, 503);
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw new AccessError('UNAVAILABLE', `the identity service answered ${response.status} about a user`, 503);
    return (await response.json()) as UserStanding;
  }
}

import { isRole, type Role } from '@gridledger/domain';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { StaticSuspensions, type SuspensionList } from './suspension-feed.ts';

/** Who is calling, from the identity service's access token. */
export interface PlatformUser {
  id: string;
  mspId: string;
  role: Role;
}

export type TokenProblem = 'missing' | 'invalid' | 'suspended';

export class AccessTokenError extends Error {
  readonly problem: TokenProblem;

  constructor(problem: TokenProblem) {
    super(
      problem === 'missing'
        ? 'sign in first: this call needs an access token (Authorization: Bearer …)'
        : problem === 'suspended'
          ? "the account is suspended: its tokens are no longer honoured; ask your organisation's admin"
          : 'the access token is invalid or expired; sign in again',
    );
    this.name = 'AccessTokenError';
    this.problem = problem;
  }
}

/**
 * Verifies the identity service's ES256 access tokens against its JWKS (fetched and cached by
 * jose, so a rotated signing key is picked up), with its issuer and audience, and reads the
 * platform claims every service needs: the user id, organisation and role.
 */
export class AccessTokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet> | ReturnType<typeof createLocalJWKSet>;

  /** users whose tokens are refused though still valid: suspended since the token was issued */
  private readonly suspensions: SuspensionList;

  constructor(jwks: URL | JSONWebKeySet, suspensions: SuspensionList = new StaticSuspensions()) {
    this.suspensions = suspensions;
    this.keys = jwks instanceof URL ? createRemoteJWKSet(jwks) : createLocalJWKSet(jwks);
  }

  /** The JWKS endpoint of an identity service at `identityUrl`. */
  static forIdentityService(identityUrl: string, suspensions?: SuspensionList): AccessTokenVerifier {
    return new AccessTokenVerifier(new URL('/.well-known/jwks.json', identityUrl), suspensions);
  }

  /** From an Authorization header value. */
  async verifyHeader(authorization: string | undefined): Promise<PlatformUser> {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new AccessTokenError('missing');
    return this.verify(token);
  }

  async verify(token: string): Promise<PlatformUser> {
    let user: PlatformUser;
    try {
      const { payload } = await jwtVerify(token, this.keys, { issuer: 'gridledger-identity', audience: 'gridledger', algorithms: ['ES256'] });
      const role = String(payload['role']);
      if (typeof payload.sub !== 'string' || typeof payload['org'] !== 'string' || !isRole(role)) throw new Error('claims');
      user = { id: payload.sub, mspId: payload['org'], role: role as PlatformUser['role'] };
    } catch {
      throw new AccessTokenError('invalid');
    }
    if (this.suspensions.isSuspended(user.id)) throw new AccessTokenError('suspended');
    return user;
  }
}

/** How a refused token is answered at every service's edge: one mapping, so the codes agree. */
export function tokenRefusal(error: AccessTokenError): { status: 401 | 403; code: 'UNAUTHENTICATED' | 'INVALID_TOKEN' | 'USER_SUSPENDED' } {
  if (error.problem === 'suspended') return { status: 403, code: 'USER_SUSPENDED' };
  return { status: 401, code: error.problem === 'missing' ? 'UNAUTHENTICATED' : 'INVALID_TOKEN' };
}

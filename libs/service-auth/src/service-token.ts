import { decodeJwt, errors, jwtVerify } from 'jose';
import type { ServiceKeyRegistry } from './service-key-registry.ts';
import { isPrincipalName, type PrincipalName, type ServiceName } from './service-names.ts';
import { VerifiedTokens } from './verified-tokens.ts';

/** The `typ` header of a service token, so an attestation (or any other JWT) is never taken for one. */
export const SERVICE_TOKEN_TYPE = 'gridledger-service+jwt';
/** How long a service token is valid. */
export const SERVICE_TOKEN_LIFETIME_SECONDS = 120;
/** A token older than this is refused whatever its `exp` says, so no minted token lives long. */
const MAX_TOKEN_AGE_SECONDS = 300;
/** Hosts' clocks differ a little; a service token is short-lived, so a small allowance is harmless. */
const CLOCK_TOLERANCE_SECONDS = 30;

export type ServiceAuthErrorCode = 'SERVICE_UNAUTHENTICATED' | 'SERVICE_NOT_PERMITTED';

/** A refused service call: 401 when the caller is not proven, 403 when it is proven but not welcome. */
export class ServiceAuthError extends Error {
  readonly code: ServiceAuthErrorCode;

  constructor(code: ServiceAuthErrorCode, message: string) {
    super(message);
    this.name = 'ServiceAuthError';
    this.code = code;
  }

  get status(): 401 | 403 {
    return this.code === 'SERVICE_UNAUTHENTICATED' ? 401 : 403;
  }
}

export interface VerifyServiceTokenOptions {
  registry: ServiceKeyRegistry;
  /** the service being called: a token minted for another service is refused */
  audience: ServiceName;
  /** who may call this endpoint; any other valid caller gets SERVICE_NOT_PERMITTED */
  accept: readonly PrincipalName[];
  now?: Date;
}

const verified = new VerifiedTokens();

const unauthenticated = (message: string) => new ServiceAuthError('SERVICE_UNAUTHENTICATED', message);

function whyInvalid(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the service token has expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') return 'the service token was minted for another service';
  return 'the service token is not valid';
}

/**
 * Who is calling, from an `Authorization: Bearer <service token>` header: ES256 only, signed by
 * the key the registry holds for its issuer, for this audience, short-lived and of the service
 * token type. Throws ServiceAuthError.
 */
export async function verifyServiceToken(authorization: string | undefined, options: VerifyServiceTokenOptions): Promise<PrincipalName> {
  const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization ?? '')?.[1];
  if (!token) throw unauthenticated('this endpoint needs a service token (Authorization: Bearer <token>)');
  // a check at a given moment (tests of expiry) is made in full, never answered from the cache
  const known = options.now ? undefined : verified.find(options.audience, token, (name) => options.registry.publicKey(name), Date.now());
  const issuer = known ?? (await verifySignatureAndClaims(token, options));
  if (!options.accept.includes(issuer)) throw new ServiceAuthError('SERVICE_NOT_PERMITTED', `${issuer === 'operator' ? 'the operator' : `the ${issuer} service`} may not call this endpoint`);
  return issuer;
}

async function verifySignatureAndClaims(token: string, options: VerifyServiceTokenOptions): Promise<PrincipalName> {
  let issuer: unknown;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    throw unauthenticated('the service token is not a JWT');
  }
  // the issuer is read before the signature is checked, but only to pick the key from our own registry
  const key = isPrincipalName(issuer) ? options.registry.publicKey(issuer) : undefined;
  if (!isPrincipalName(issuer) || !key) throw unauthenticated('the service token is from an unknown issuer');
  let claims: { iat?: number | undefined; exp?: number | undefined };
  try {
    ({ payload: claims } = await jwtVerify(token, key, {
      algorithms: ['ES256'],
      typ: SERVICE_TOKEN_TYPE,
      issuer,
      subject: issuer,
      audience: options.audience,
      requiredClaims: ['iat', 'exp', 'jti'],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(options.now ? { currentDate: options.now } : {}),
    }));
  } catch (error) {
    throw unauthenticated(whyInvalid(error));
  }
  // iat and exp are required above; kept until the first of the two checks would refuse it
  const lastSecond = Math.min(Number(claims.exp), Number(claims.iat) + MAX_TOKEN_AGE_SECONDS) + CLOCK_TOLERANCE_SECONDS;
  if (!options.now) verified.remember(options.audience, token, { issuer, key, validUntilMs: lastSecond * 1000 });
  return issuer;
}

import { ApiError, ERROR_STATUS, type ErrorCode } from '@gridledger/api-errors';

/** Every refusal the identity service gives; each code's HTTP status is the platform's (libs/api-errors). */
export const IDENTITY_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'WEAK_PASSWORD',
  /** the current password given to change it is wrong */
  'WRONG_PASSWORD',
  /** a password reset token that was never issued, was spent or replaced, or expired */
  'RESET_TOKEN_INVALID',
  'RESET_TOKEN_USED',
  'RESET_TOKEN_EXPIRED',
  /** not an X25519 public key, or a point of small order */
  'INVALID_PUBLIC_KEY',
  /** the bytes to sign are not a chaincode proposal or transaction the service can read */
  'UNDECODABLE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'INVALID_TOKEN',
  /** an internal endpoint without a valid service token */
  'SERVICE_UNAUTHENTICATED',
  'FORBIDDEN',
  'USER_SUSPENDED',
  /** a valid service token of a caller this endpoint does not accept */
  'SERVICE_NOT_PERMITTED',
  /** nothing proves the user asked for what is to be signed */
  'NOT_ATTESTED',
  /** the proof is from someone who may not vouch for this call (or a query would be committed) */
  'NOT_PERMITTED',
  'NOT_FOUND',
  'USERNAME_TAKEN',
  'ALREADY_IN_STATE',
  'ACCOUNT_LOCKED',
  'TOO_MANY_REQUESTS',
  'CA_UNAVAILABLE',
] as const satisfies readonly ErrorCode[];

export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

export class IdentityError extends ApiError {
  declare readonly code: IdentityErrorCode;

  constructor(code: IdentityErrorCode, message: string) {
    super(code, message, ERROR_STATUS[code]);
  }
}

/** Every refusal the identity service gives: a machine-readable code and a sentence. */
export const IDENTITY_ERRORS = {
  INVALID_INPUT: 400,
  WEAK_PASSWORD: 400,
  /** not an X25519 public key, or a point of small order */
  INVALID_PUBLIC_KEY: 400,
  /** the bytes to sign are not a chaincode proposal or transaction the service can read */
  UNDECODABLE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_TOKEN: 401,
  /** an internal endpoint without a valid service token */
  SERVICE_UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  USER_SUSPENDED: 403,
  /** a valid service token of a caller this endpoint does not accept */
  SERVICE_NOT_PERMITTED: 403,
  /** nothing proves the user asked for what is to be signed */
  NOT_ATTESTED: 403,
  /** the proof is from someone who may not vouch for this call (or a query would be committed) */
  NOT_PERMITTED: 403,
  NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  ALREADY_IN_STATE: 409,
  ACCOUNT_LOCKED: 423,
  CA_UNAVAILABLE: 502,
} as const;

export type IdentityErrorCode = keyof typeof IDENTITY_ERRORS;

export class IdentityError extends Error {
  readonly code: IdentityErrorCode;
  constructor(code: IdentityErrorCode, message: string) {
    super(message);
    this.name = 'IdentityError';
    this.code = code;
  }

  get status(): number {
    return IDENTITY_ERRORS[this.code];
  }
}

/** Every refusal the identity service gives: a machine-readable code and a sentence. */
export const IDENTITY_ERRORS = {
  INVALID_INPUT: 400,
  WEAK_PASSWORD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_TOKEN: 401,
  FORBIDDEN: 403,
  USER_SUSPENDED: 403,
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

/** A refusal with a machine-readable code and the HTTP status it becomes at the edge. */
export class AccessError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'AccessError';
    this.code = code;
    this.status = status;
  }
}

/** The chaincode's refusal codes as HTTP, as the ledger service maps them; an unknown code is a 422. */
export const CHAINCODE_STATUS: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 403,
  FORBIDDEN: 403,
  POLICY_DENIED: 403,
  FROZEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 409,
  INSUFFICIENT_FUNDS: 402,
  UNAVAILABLE: 503,
  // the identity service's refusals to sign, passed on by the ledger as final answers
  USER_SUSPENDED: 403,
  NOT_ATTESTED: 403,
  NOT_PERMITTED: 403,
};

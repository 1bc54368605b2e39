/**
 * Every refusal carries a machine-readable code first, then a sentence:
 * "POLICY_DENIED: organisation ConsumerMSP is not allowed by the asset's policy".
 * Clients (the ledger service) split on the first ": " to get the code.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'FAILED_PRECONDITION',
  'FROZEN',
  'POLICY_DENIED',
  'INSUFFICIENT_FUNDS',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class ChaincodeError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'ChaincodeError';
    this.code = code;
  }
}

export const invalid = (message: string): ChaincodeError => new ChaincodeError('INVALID_ARGUMENT', message);
export const forbidden = (message: string): ChaincodeError => new ChaincodeError('FORBIDDEN', message);
export const notFound = (message: string): ChaincodeError => new ChaincodeError('NOT_FOUND', message);
export const precondition = (message: string): ChaincodeError => new ChaincodeError('FAILED_PRECONDITION', message);

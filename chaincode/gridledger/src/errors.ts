import type { ChaincodeErrorCode } from '@gridledger/domain';

/**
 * Every refusal carries a machine-readable code first, then a sentence:
 * "POLICY_DENIED: organisation ConsumerMSP is not allowed by the asset's policy".
 * Clients (the ledger service) split on the first ": " to get the code; the codes are
 * @gridledger/domain's, which also says what each means over HTTP.
 */
export class ChaincodeError extends Error {
  readonly code: ChaincodeErrorCode;
  constructor(code: ChaincodeErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'ChaincodeError';
    this.code = code;
  }
}

export const invalid = (message: string): ChaincodeError => new ChaincodeError('INVALID_ARGUMENT', message);
export const forbidden = (message: string): ChaincodeError => new ChaincodeError('FORBIDDEN', message);
export const notFound = (message: string): ChaincodeError => new ChaincodeError('NOT_FOUND', message);
export const precondition = (message: string): ChaincodeError => new ChaincodeError('FAILED_PRECONDITION', message);

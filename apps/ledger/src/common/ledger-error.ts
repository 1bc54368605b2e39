import { ApiError } from '@gridledger/api-errors';

/**
 * A refusal with a machine-readable code. The ledger's own codes are below; where another party
 * said no (the identity service: USER_SUSPENDED; the chaincode: POLICY_DENIED …) its code is kept,
 * so a caller sees the reason from the party that gave it.
 */
export const LEDGER_ERROR_CODES = ['UNKNOWN_ORGANIZATION', 'INVALID_COMMAND', 'NOT_FOUND', 'UNAVAILABLE', 'ENDORSEMENT_FAILED'] as const;

export class LedgerError extends ApiError {
  constructor(code: (typeof LEDGER_ERROR_CODES)[number] | (string & {}), message: string, status = 400) {
    super(code, message, status);
  }
}

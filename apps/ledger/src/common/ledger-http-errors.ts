import { refusal, statusOf, type ErrorTranslator } from '@gridledger/api-errors';
import { chaincodeRefusal, isTransient } from '../fabric/fabric-errors.ts';
import { IdentityUnavailableError } from '../signing/identity-client.ts';

/**
 * The ledger's own translations for the shared exception filter: the chaincode's refusal keeps
 * its code and sentence; an unreachable peer or identity service is a 503 to retry, without the
 * address that the underlying error names.
 */
export const ledgerHttpErrors: ErrorTranslator = (error) => {
  const said = chaincodeRefusal(error);
  if (said) return refusal(statusOf(said.code), said.code, said.message);
  if (error instanceof IdentityUnavailableError || isTransient(error)) {
    return refusal(503, 'UNAVAILABLE', 'the ledger network or the identity service cannot be reached at the moment; try again shortly', 'warn');
  }
  return undefined;
};

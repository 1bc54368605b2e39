import { refusal, type ErrorTranslator } from '@gridledger/api-errors';
import { LedgerAnswerTimeoutError } from './ledger-commands.ts';
import { LedgerRefusalError, LedgerUnavailableError } from './ledger-query-client.ts';

/**
 * The ledger's answers as a calling service passes them on: the chain's refusal keeps its code
 * and status, except a 401, which is the calling service's own credential and so a bad gateway;
 * a ledger that did not answer in time is a 504, one that cannot be reached a 503.
 */
export const ledgerClientErrors: ErrorTranslator = (error) => {
  if (error instanceof LedgerRefusalError) return refusal(error.status === 401 ? 502 : error.status, error.code, error.message);
  if (error instanceof LedgerAnswerTimeoutError) return refusal(504, 'LEDGER_TIMEOUT', error.message, 'warn');
  if (error instanceof LedgerUnavailableError) return refusal(503, 'UNAVAILABLE', error.message, 'warn');
  return undefined;
};

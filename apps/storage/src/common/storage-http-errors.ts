import { refusal, type ErrorTranslator } from '@gridledger/api-errors';
import { TooManyRequestsError } from '../limits/request-limits.ts';
import { DependencyUnavailableError } from './storage-error.ts';

/** Storage's own translations for the shared exception filter. */
export const storageHttpErrors: ErrorTranslator = (error) => {
  // over a limit, the client is told when to come back
  if (error instanceof TooManyRequestsError) return { ...refusal(429, error.code, error.message), headers: { 'Retry-After': String(error.retryAfterSeconds) } };
  // a collaborator (IPFS, the identity service) out of reach: the caller may try again
  if (error instanceof DependencyUnavailableError) return refusal(503, 'UNAVAILABLE', error.message, 'warn');
  return undefined;
};

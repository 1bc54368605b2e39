import { ApiError } from '@gridledger/api-errors';

/** A refusal with a machine-readable code and the HTTP status it becomes at the edge. */
export class StorageError extends ApiError {}

/** A collaborator (ledger, IPFS, identity) cannot be reached: the caller may try again. */
export class DependencyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DependencyUnavailableError';
  }
}

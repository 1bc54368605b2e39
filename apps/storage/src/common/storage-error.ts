/** A refusal with a machine-readable code and the HTTP status it becomes at the edge. */
export class StorageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** A collaborator (ledger, IPFS, identity) cannot be reached: the caller may try again. */
export class DependencyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DependencyUnavailableError';
  }
}

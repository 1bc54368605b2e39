import { CHAINCODE_ERROR_STATUS } from '@gridledger/domain';

/**
 * Every refusal code of the platform and its one HTTP status: the services, the ledger's answers
 * and the chaincode's refusals all say the same thing the same way. A service may say more (its
 * sentence), never another status for the same code. The chaincode's own codes come from
 * @gridledger/domain, which the chaincode raises them from.
 */
export const ERROR_STATUS = {
  ...CHAINCODE_ERROR_STATUS,
  // the request itself is wrong: nothing was changed
  INVALID_JSON: 400,
  INVALID_PUBLIC_KEY: 400,
  WEAK_PASSWORD: 400,
  // a password reset token nobody issued (or mistyped)
  RESET_TOKEN_INVALID: 400,
  UNDECODABLE: 400,
  // an upload's form: its metadata part, its file part, its framing, or a client that stopped sending
  METADATA_REQUIRED: 400,
  INVALID_METADATA: 400,
  FILE_REQUIRED: 400,
  INVALID_MULTIPART: 400,
  UPLOAD_ABORTED: 400,
  // an operator's request names a command or an organisation the service does not have
  INVALID_COMMAND: 400,
  UNKNOWN_ORGANIZATION: 400,
  // a webhook's URL is not HTTPS, or points into a private, loopback, link-local or reserved range
  WEBHOOK_URL_NOT_ALLOWED: 400,
  // a webhook subscribed to an event type that does not exist
  UNKNOWN_EVENT_TYPE: 400,
  // who is calling is not proven
  INVALID_TOKEN: 401,
  INVALID_CREDENTIALS: 401,
  SERVICE_UNAUTHENTICATED: 401,
  // proven, and refused
  ACCESS_DENIED: 403,
  USER_SUSPENDED: 403,
  SERVICE_NOT_PERMITTED: 403,
  NOT_ATTESTED: 403,
  NOT_PERMITTED: 403,
  // a signed-in user changing their password gave the wrong current one (not a 401: their session is fine)
  WRONG_PASSWORD: 403,
  // a download ticket served all the bytes it may
  TICKET_SPENT: 403,
  TICKET_NOT_FOUND: 404,
  // the state of things does not allow it now
  ALREADY_IN_STATE: 409,
  USERNAME_TAKEN: 409,
  NO_GRANT: 409,
  DOWNLOADS_IN_PROGRESS: 409,
  // the chain has not confirmed the asset yet; a read-model rebuild already runs
  NOT_ANCHORED: 409,
  ALREADY_RUNNING: 409,
  // a download ticket ran out of time
  TICKET_EXPIRED: 410,
  // a password reset token already spent (or replaced by a newer one), or past its expiry
  RESET_TOKEN_USED: 410,
  RESET_TOKEN_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  BAD_GATEWAY: 502,
  CA_UNAVAILABLE: 502,
  // what IPFS returned is not the file the chain anchored; a key rotation or a replay could not be finished
  INTEGRITY_VIOLATION: 502,
  ROTATION_FAILED: 502,
  REPLAY_FAILED: 502,
  UNAVAILABLE: 503,
  LEDGER_TIMEOUT: 504,
  REBUILD_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_STATUS, code);

/** The status of a code; a code from elsewhere (a chaincode's newer one) that the table does not know is a 422. */
export const statusOf = (code: string): number => (isErrorCode(code) ? ERROR_STATUS[code] : 422);

/** The code for a bare HTTP status (Nest's own exceptions, a body parser's), so every answer carries one. */
export function codeOfStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'INVALID_ARGUMENT';
    case 401:
      return 'UNAUTHENTICATED';
    case 402:
      return 'INSUFFICIENT_FUNDS';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'FAILED_PRECONDITION';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    case 502:
      return 'BAD_GATEWAY';
    case 503:
      return 'UNAVAILABLE';
    case 504:
      return 'LEDGER_TIMEOUT';
    default:
      return status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT';
  }
}

/**
 * What went wrong, as a stable string callers can branch on:
 * - CA_UNREACHABLE: no answer (refused, unresolvable, timed out); retrying later may help.
 * - CA_TLS_FAILED: the server answered but its TLS certificate is not trusted; retrying will not help.
 * - CA_AUTH_FAILED: the CA refused the credentials or the registrar's authority (HTTP 401/403).
 * - CA_REQUEST_REJECTED: the CA understood the request and said no.
 * - CA_BAD_RESPONSE: the answer was not a well-formed Fabric CA response.
 * - CA_INVALID_ARGUMENT: the caller's input was refused before anything was sent.
 */
export type FabricCaErrorCode =
  | 'CA_UNREACHABLE'
  | 'CA_TLS_FAILED'
  | 'CA_AUTH_FAILED'
  | 'CA_REQUEST_REJECTED'
  | 'CA_BAD_RESPONSE'
  | 'CA_INVALID_ARGUMENT';

/** One entry of the `errors` array of a Fabric CA response, as the CA sent it. */
export interface CaErrorMessage {
  code: number;
  message: string;
}

export interface FabricCaErrorDetails {
  httpStatus?: number;
  caErrors?: readonly CaErrorMessage[];
  cause?: unknown;
}

/** Messages never carry secrets or private keys, so they are safe to log. */
export class FabricCaError extends Error {
  readonly code: FabricCaErrorCode;
  readonly httpStatus: number | undefined;
  readonly caErrors: readonly CaErrorMessage[];

  constructor(code: FabricCaErrorCode, message: string, details: FabricCaErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FabricCaError';
    this.code = code;
    this.httpStatus = details.httpStatus;
    this.caErrors = details.caErrors ?? [];
  }
}

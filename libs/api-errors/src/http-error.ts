/** What an error becomes at a service's edge: the status, the body, and how loudly it is logged. */
export interface HttpError {
  status: number;
  body: Record<string, unknown>;
  /** expected refusals are not logged at all; a transient outage is a warning; the unexpected an error */
  log?: 'warn' | 'error';
  /** headers the answer needs (Retry-After on a 429) */
  headers?: Readonly<Record<string, string>>;
}

/**
 * A service's own rule for an error the shared filter cannot know (a peer's gRPC status, a
 * collaborator's client error). It answers undefined for errors that are not its business.
 */
export type ErrorTranslator = (error: unknown) => HttpError | undefined;

export function refusal(status: number, code: string, message: string, log?: HttpError['log']): HttpError {
  return { status, body: { statusCode: status, code, message }, ...(log ? { log } : {}) };
}

import { randomUUID } from 'node:crypto';
import { inClientSpan } from '@gridledger/tracing';
import { READ_ON_BEHALF, type ServiceCredential } from '@gridledger/service-auth';
import { DEFAULT_LEDGER_TARGET, type LedgerTarget } from './ledger-target.ts';

/** The ledger service cannot be reached, or failed: the caller may try again. */
export class LedgerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerUnavailableError';
  }
}

/** The ledger (usually the chaincode) said no: its code, its sentence and the HTTP status it chose. */
export class LedgerRefusalError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'LedgerRefusalError';
    this.code = code;
    this.status = status;
  }
}

export interface LedgerQueryClientOptions {
  /** the ledger service, e.g. http://127.0.0.1:13002 */
  ledgerUrl: string;
  /** this service's own credential: its service token, and its attestation of a read for a user */
  credential: ServiceCredential;
  /** the channel and chaincode the ledger serves, which an attestation binds */
  target?: LedgerTarget;
  timeoutMs?: number;
}

/** A read attestation lives this long: it is made for one request, sent at once. */
const READ_ATTESTATION_SECONDS = 60;

/**
 * The ledger service's query API. `asUser` evaluates the query as that platform user, so the
 * chaincode applies the user's own visibility rules rather than the service's; the service
 * attests that read, and without that the identity service signs nothing for the user.
 */
export class LedgerQueryClient {
  private readonly options: LedgerQueryClientOptions;

  constructor(options: LedgerQueryClientOptions) {
    this.options = options;
  }

  async get<T>(path: string, asUser?: string): Promise<T> {
    const { credential, target = DEFAULT_LEDGER_TARGET } = this.options;
    const headers: Record<string, string> = { authorization: `Bearer ${await credential.token('ledger')}` };
    if (asUser) {
      headers['x-gridledger-user'] = asUser;
      headers['x-gridledger-attestation'] = await credential.attest({ commandId: randomUUID(), userId: asUser, mspId: null, ...target, ...READ_ON_BEHALF, arguments: [] }, READ_ATTESTATION_SECONDS);
    }
    let response: Response;
    try {
      response = await inClientSpan('ledger GET', { 'http.request.method': 'GET' }, (traceHeaders) =>
        fetch(new URL(path, this.options.ledgerUrl), { headers: { ...traceHeaders, ...headers }, signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000) }),
      );
    } catch (error) {
      throw new LedgerUnavailableError(`the ledger service cannot be reached: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return body as T;
    if (response.status >= 500) throw new LedgerUnavailableError(`the ledger service answered ${response.status}: ${String(body['message'] ?? '')}`);
    // a 401 here is this service's credential, not the user's: the caller reports it as a bad gateway
    throw new LedgerRefusalError(String(body['code'] ?? 'LEDGER_REFUSED'), String(body['message'] ?? `the ledger refused with ${response.status}`), response.status);
  }
}

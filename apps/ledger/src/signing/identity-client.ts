import type { ServiceCredential } from '@gridledger/service-auth';
import { inClientSpan } from '@gridledger/tracing';
import { LedgerError } from '../common/ledger-error.ts';

export interface FabricIdentity {
  userId: string;
  mspId: string;
  certificatePem: string;
  status: string;
}

/** Why the identity service may sign for the user: what the ledger passes on, never makes up. */
export interface SigningProof {
  /** the command's id, bound into its attestation */
  commandId?: string;
  /** a service's attestation of the command (or of a read) for this user */
  attestation?: string;
  /** the user's own access token, for a read the user asked for directly */
  userAccessToken?: string;
}

export interface SignatureRequest extends SigningProof {
  userId: string;
  kind: 'proposal' | 'transaction';
  bytes: Uint8Array;
}

/** Signature requests per batch call (the identity service takes up to 64). */
const MAX_BATCH = 32;
/** How long a signature request waits for others to share its call: well under one block. */
const BATCH_LINGER_MS = 2;

type BatchResult = { signature: string; txId: string } | { error: { statusCode: number; code: string; message: string } };

/** Thrown when the identity service is down or slow: the command is retried, not failed. */
export class IdentityUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityUnavailableError';
  }
}

/**
 * The identity service's internal API, as the ledger service (its own short-lived service token):
 * a user's certificate, and signatures made with their key, which never leaves that service.
 * A 4xx with a code is that service refusing (unknown or suspended user, no valid attestation)
 * and becomes a LedgerError with its code, a final answer; a 401 means this service's own
 * credential is wrong, a configuration fault, so commands wait for the fix rather than fail.
 */
export class IdentityClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credential: ServiceCredential,
    private readonly timeoutMs = 10_000,
  ) {}

  fabricIdentity(userId: string): Promise<FabricIdentity> {
    return this.call<FabricIdentity>('GET', `/internal/users/${encodeURIComponent(userId)}/fabric-identity`);
  }

  /**
   * Has the identity service take receipts of these commands' attestations while they are valid,
   * so that the commands are signed as of now even when their turn comes later. One result per
   * attestation, in order: a refused one is not an error here (its signature request answers it).
   */
  receiveAttestations(attestations: readonly { commandId: string; userId: string; attestation: string }[]): Promise<{ results: ({ received: true } | { error: { code: string; message: string } })[] }> {
    return this.call('POST', '/internal/attestations/receipts', { attestations });
  }

  /**
   * Signature requests made within a couple of milliseconds of each other (the pipeline's
   * commands) go in one call to /internal/signatures/batch; each still gets its own signature or
   * its own refusal, decided there exactly as a single request would be.
   */
  sign(request: SignatureRequest): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      if (this.pending.length >= MAX_BATCH) this.flushSignatures();
      else this.batchTimer ??= setTimeout(() => this.flushSignatures(), BATCH_LINGER_MS);
    });
  }

  private readonly pending: { request: SignatureRequest; resolve: (signature: Uint8Array) => void; reject: (error: unknown) => void }[] = [];
  private batchTimer: NodeJS.Timeout | undefined;

  private flushSignatures(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    while (this.pending.length > 0) void this.sendBatch(this.pending.splice(0, MAX_BATCH));
  }

  private async sendBatch(batch: typeof this.pending): Promise<void> {
    try {
      const { results } = await this.call<{ results: BatchResult[] }>('POST', '/internal/signatures/batch', {
        requests: batch.map(({ request: { bytes, ...rest } }) => ({ ...rest, bytes: Buffer.from(bytes).toString('base64') })),
      });
      if (results.length !== batch.length) throw new IdentityUnavailableError(`the identity service answered ${results.length} of ${batch.length} signature requests`);
      batch.forEach((entry, i) => {
        const result = results[i];
        if (result && 'signature' in result) entry.resolve(Buffer.from(result.signature, 'base64'));
        else entry.reject(this.refusal(result?.error.statusCode ?? 500, result?.error, 'POST /internal/signatures'));
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const what = `${method} ${path.split('/').slice(0, 3).join('/')}`;
    let response: Response;
    try {
      const authorization = `Bearer ${await this.credential.token('identity')}`;
      response = await inClientSpan(`identity ${what}`, { 'http.request.method': method }, (traceHeaders) =>
        fetch(new URL(path, this.baseUrl), {
          method,
          headers: { ...traceHeaders, authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(this.timeoutMs),
        }),
      );
    } catch (error) {
      throw new IdentityUnavailableError(`the identity service at ${this.baseUrl} did not answer ${what}: ${(error as Error).message}`);
    }
    const text = await response.text();
    const json = (() => {
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    })();
    if (response.status >= 400 && response.status < 500 && response.status !== 401) throw this.refusal(response.status, json, what);
    if (!response.ok || !json) throw new IdentityUnavailableError(`the identity service answered ${response.status} to ${what}`);
    return json as T;
  }

  /**
   * A 4xx with a code is that service refusing (a final answer); its refusing this service's
   * own credential is a configuration fault, waited out like an outage.
   */
  private refusal(status: number, body: Record<string, unknown> | undefined, what: string): Error {
    if (status >= 500 || status === 401) return new IdentityUnavailableError(`the identity service answered ${status} to ${what}`);
    const code = typeof body?.['code'] === 'string' ? body['code'] : `HTTP_${status}`;
    if (code === 'SERVICE_NOT_PERMITTED') return new IdentityUnavailableError(`the identity service refuses the ledger's credential for ${what}`);
    const message = typeof body?.['message'] === 'string' ? body['message'] : `the identity service refused with ${status}`;
    return new LedgerError(code, message, status === 404 ? 404 : status === 403 ? 403 : 422);
  }
}

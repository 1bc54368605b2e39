import type { ServiceCredential } from '@gridledger/service-auth';
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

  async sign(request: SignatureRequest): Promise<Uint8Array> {
    const { bytes, ...rest } = request;
    const { signature } = await this.call<{ signature: string }>('POST', '/internal/signatures', { ...rest, bytes: Buffer.from(bytes).toString('base64') });
    return Buffer.from(signature, 'base64');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const what = `${method} ${path.split('/').slice(0, 3).join('/')}`;
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${await this.credential.token('identity')}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
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
    if (response.status >= 400 && response.status < 500 && response.status !== 401) {
      const code = typeof json?.['code'] === 'string' ? json['code'] : `HTTP_${response.status}`;
      // this service not being allowed is a configuration fault too: wait for the fix
      if (code === 'SERVICE_NOT_PERMITTED') throw new IdentityUnavailableError(`the identity service refuses the ledger's credential for ${what}`);
      const message = typeof json?.['message'] === 'string' ? json['message'] : `the identity service refused with ${response.status}`;
      throw new LedgerError(code, message, response.status === 404 ? 404 : response.status === 403 ? 403 : 422);
    }
    if (!response.ok || !json) throw new IdentityUnavailableError(`the identity service answered ${response.status} to ${what}`);
    return json as T;
  }
}

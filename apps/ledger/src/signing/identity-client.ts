import { LedgerError } from '../common/ledger-error.ts';

export interface FabricIdentity {
  userId: string;
  mspId: string;
  certificatePem: string;
  status: string;
}

/** Thrown when the identity service is down or slow: the command is retried, not failed. */
export class IdentityUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityUnavailableError';
  }
}

/**
 * The identity service's internal API: a user's certificate, and signatures made with their key,
 * which never leaves that service. A 4xx is that service refusing (unknown or suspended user) and
 * becomes a LedgerError with its code; anything else (including a rejected service credential)
 * is unavailability, so commands wait for the fix rather than fail for good.
 */
export class IdentityClient {
  constructor(
    private readonly baseUrl: string,
    private readonly serviceToken: string,
    private readonly timeoutMs = 10_000,
  ) {}

  fabricIdentity(userId: string): Promise<FabricIdentity> {
    return this.call<FabricIdentity>('GET', `/internal/users/${encodeURIComponent(userId)}/fabric-identity`);
  }

  async sign(userId: string, digest: Uint8Array, purpose: string): Promise<Uint8Array> {
    const body = { userId, digest: Buffer.from(digest).toString('base64'), purpose };
    const { signature } = await this.call<{ signature: string }>('POST', '/internal/signatures', body);
    return Buffer.from(signature, 'base64');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${this.serviceToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new IdentityUnavailableError(`the identity service at ${this.baseUrl} did not answer ${method} ${path.split('/').slice(0, 3).join('/')}: ${(error as Error).message}`);
    }
    const text = await response.text();
    const json = (() => {
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    })();
    // 401/403 mean this service's credential is wrong: a configuration fault, not the user's refusal
    if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 403) {
      const code = typeof json?.['code'] === 'string' ? json['code'] : `HTTP_${response.status}`;
      const message = typeof json?.['message'] === 'string' ? json['message'] : `the identity service refused with ${response.status}`;
      throw new LedgerError(code, message, response.status === 404 ? 404 : 422);
    }
    if (!response.ok || !json) throw new IdentityUnavailableError(`the identity service answered ${response.status} to ${method} ${path.split('/').slice(0, 3).join('/')}`);
    return json as T;
  }
}

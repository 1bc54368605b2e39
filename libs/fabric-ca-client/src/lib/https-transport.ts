import { request } from 'node:https';
import type { RawCaResponse } from './ca-response.ts';
import { FabricCaError } from './fabric-ca-error.ts';

export interface CaHttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface CaTransportOptions {
  /** The CA's base URL as the caller gave it (without credentials); used in messages. */
  caUrl: string;
  trustedRootsPem: string;
  timeoutMs: number;
}

// Far beyond any CA answer (a certificate chain plus a CRL); guards against a wrong endpoint streaming forever.
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

class RequestTimedOut extends Error {}

/** One HTTPS exchange with the CA, TLS verified against the configured roots only. */
export function sendCaRequest(req: CaHttpRequest, options: CaTransportOptions): Promise<RawCaResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(req.body.length);
    }
    const clientRequest = request(
      req.url,
      {
        method: req.method,
        headers,
        ca: options.trustedRootsPem,
        rejectUnauthorized: true,
        // No pooling: the CA is called rarely, and a pooled socket the server has since closed
        // would fail a POST that cannot safely be retried.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            response.destroy(
              new FabricCaError('CA_BAD_RESPONSE', `The Fabric CA at ${options.caUrl} sent a response larger than ${MAX_RESPONSE_BYTES} bytes.`),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', fail);
      },
    );
    const timer = setTimeout(() => clientRequest.destroy(new RequestTimedOut()), options.timeoutMs);
    function fail(error: unknown): void {
      clearTimeout(timer);
      reject(toTransportError(error, options));
    }
    clientRequest.on('error', fail);
    clientRequest.end(req.body);
  });
}

/** Maps what node:https throws to CA_UNREACHABLE (try again later) or CA_TLS_FAILED (fix the configuration). */
export function toTransportError(error: unknown, options: Pick<CaTransportOptions, 'caUrl' | 'timeoutMs'>): FabricCaError {
  if (error instanceof FabricCaError) return error;
  if (error instanceof RequestTimedOut) {
    return new FabricCaError('CA_UNREACHABLE', `The Fabric CA at ${options.caUrl} did not answer within ${formatSeconds(options.timeoutMs)}.`);
  }
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
  // OpenSSL appends internals and hints after the first line; they help nobody reading a test log.
  const reason = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '')
    .replace(/;\s*if the root CA is installed locally.*$/, '')
    .trim();
  if (code !== undefined && isTlsErrorCode(code)) {
    const problem = /wrong version number|packet length too long/i.test(reason)
      ? 'the server did not answer with TLS (is it serving plain HTTP?)'
      : `its TLS certificate was not accepted (${code}: ${reason})`;
    return new FabricCaError(
      'CA_TLS_FAILED',
      `The TLS connection to the Fabric CA at ${options.caUrl} failed: ${problem}. Check the url and that tls.trustedRootsPem holds the CA's TLS root.`,
      { cause: error },
    );
  }
  const description = code !== undefined && code in UNREACHABLE_REASONS ? UNREACHABLE_REASONS[code] : reason;
  return new FabricCaError('CA_UNREACHABLE', `The Fabric CA at ${options.caUrl} could not be reached: ${description}.`, { cause: error });
}

const UNREACHABLE_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed temporarily',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

const TLS_ERROR_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

function isTlsErrorCode(code: string): boolean {
  return TLS_ERROR_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

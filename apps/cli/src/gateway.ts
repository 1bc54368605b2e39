import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { CliError } from './cli-error.ts';

export interface GatewayDownload {
  /** the URL requested, for messages (credentials removed) */
  url: string;
  body: Readable;
  /** from content-length, when the gateway sent one */
  totalBytes: number | undefined;
}

/**
 * `<gateway>/ipfs/<cid>`. The CID comes from the envelope; HPKE binds it, but it is still checked to be
 * one path segment, so no envelope can point the request anywhere else on the gateway.
 */
export function ipfsUrl(gateway: URL, cid: string): URL {
  if (!/^[A-Za-z0-9]{1,256}$/.test(cid)) throw new CliError(`the envelope's CID ${JSON.stringify(cid.slice(0, 100))} is not a CID`);
  return new URL(`ipfs/${cid}`, gateway);
}

/** A URL as it may be printed: without user name or password. */
export function displayUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/**
 * Starts `GET <gateway>/ipfs/<cid>` and returns once the gateway answered 2xx; the body is streamed
 * by the caller. Any gateway will do: the ciphertext authenticates itself chunk by chunk.
 */
export async function fetchFromGateway(gateway: URL, cid: string, signal?: AbortSignal): Promise<GatewayDownload> {
  const url = ipfsUrl(gateway, cid);
  const shown = displayUrl(url);
  let response: Response;
  try {
    response = await fetch(url, {
      // identity: content-length then counts the bytes we receive, and there is nothing to inflate
      headers: { accept: 'application/octet-stream, */*;q=0.8', 'accept-encoding': 'identity', 'user-agent': 'gridledger-cli' },
      redirect: 'follow',
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new CliError(`cannot reach the IPFS gateway at ${shown}: ${networkReason(error)}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const status = `${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
    throw new CliError(`the IPFS gateway answered ${status} for ${shown}`);
  }
  const body = response.body === null ? Readable.from([]) : Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
  return { url: shown, body, totalBytes: contentLength(response.headers) };
}

function contentLength(headers: Headers): number | undefined {
  const encoding = headers.get('content-encoding');
  if (encoding !== null && encoding.toLowerCase() !== 'identity') return undefined;
  const value = headers.get('content-length');
  if (value === null || !/^\d{1,16}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * fetch() rejects with "fetch failed" and a broken body with "terminated"; the reason worth printing
 * is in the cause: a system error code (ECONNREFUSED, ENOTFOUND, …) or undici's own message (other side closed, …).
 */
export function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, message, cause, errors } = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) return code;
    if (typeof code === 'string' && code.startsWith('UND_ERR') && typeof message === 'string' && message !== '') return message;
    // several addresses tried (IPv4 and IPv6): an AggregateError
    const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
    current = cause ?? first;
  }
  const fallback = (error as { message?: unknown } | null)?.message;
  return typeof fallback === 'string' ? fallback : String(error);
}

import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.ts';
import { SIGNATURE_HEADER, signDelivery, TIMESTAMP_HEADER } from './webhook-signature.ts';
import { checkWebhookTarget, WebhookUrlRefused, type Resolve } from './webhook-url.ts';

export const DELIVERY_HEADER = 'x-gridledger-delivery';

/** How one attempt went: a status code from the receiver, or the error that kept one from coming. */
export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends one signed delivery. The host is resolved and checked again now, and the connection goes to
 * the address that was checked (the `lookup` below answers with it), so a name that resolved to a
 * public address at registration and to a private one now (DNS rebinding) reaches nothing.
 * Redirects are answers like any other: a 3xx is not 2xx, so it fails and is not followed.
 */
export async function sendDelivery(delivery: { id: string; url: string; secret: string; body: string }, policy: AddressPolicy, timeoutMs: number, resolve?: Resolve): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let target;
  try {
    target = await checkWebhookTarget(delivery.url, policy, resolve);
  } catch (error) {
    if (error instanceof WebhookUrlRefused) return { statusCode: null, error: `refused: the URL ${error.message}`, durationMs: elapsed() };
    throw error;
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const options: RequestOptions = {
    method: 'POST',
    lookup: pinned,
    signal: AbortSignal.timeout(timeoutMs),
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(delivery.body),
      'user-agent': 'GridLedger-Webhooks/1',
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signDelivery(delivery.secret, timestamp, delivery.body),
      [DELIVERY_HEADER]: delivery.id,
    },
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolveResult) => {
    const outgoing = send(target.url, options, (answer) => {
      // only the status matters; the body is drained so the socket is freed
      answer.resume();
      answer.on('end', () => resolveResult({ statusCode: answer.statusCode ?? null, error: null, durationMs: elapsed() }));
      answer.on('error', (error) => resolveResult({ statusCode: answer.statusCode ?? null, error: error.message, durationMs: elapsed() }));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      resolveResult({ statusCode: null, error: timedOut ? `timed out after ${timeoutMs} ms` : (error.code ?? error.message), durationMs: elapsed() });
    });
    outgoing.end(delivery.body);
  });
}

export const succeeded = (result: AttemptResult): boolean => result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300 && result.error === null;

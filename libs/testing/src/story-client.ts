import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { onboardUser, signIn, type PlatformUser } from './platform-services.ts';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** JSON over HTTP to one of the platform's services, as a user (token) or as a service (service token). */
export async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed as Record<string, unknown> };
}

/** Asks again until the answer satisfies `ready` (read models follow the chain by a moment). */
export async function eventually(ask: () => Promise<Answer>, ready: (answer: Answer) => boolean, what: string, timeoutMs = 60_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  let last: Answer | undefined;
  while (Date.now() < deadline) {
    last = await ask();
    if (ready(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms; last answer ${last?.status}: ${JSON.stringify(last?.body).slice(0, 500)}`);
}

/** Uploads a small file through the storage service (metadata part first, then the file) and waits until it is anchored. */
export async function uploadAndAnchor(endpoints: PlatformEndpoints, token: string, metadata: unknown, content: Buffer, fileName: string): Promise<Record<string, unknown>> {
  const form = new FormData();
  form.append('metadata', JSON.stringify(metadata));
  form.append('file', new Blob([new Uint8Array(content)], { type: 'text/csv' }), fileName);
  const response = await fetch(`${endpoints.storageUrl}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const stored = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201 && response.status !== 202) throw new Error(`upload answered ${response.status}: ${JSON.stringify(stored)}`);
  const assetId = String(stored['assetId']);
  const anchored = await eventually(() => call(endpoints.storageUrl, 'GET', `/files/${assetId}`, token), (a) => a.body['status'] !== 'pending', `anchoring of ${assetId}`);
  if (anchored.body['status'] !== 'anchored') throw new Error(`asset ${assetId} was not anchored: ${JSON.stringify(anchored.body)}`);
  return anchored.body;
}

/** A grid company's data owner and a consumer whose organisation gave them `credits`, both signed in. */
export async function ownerAndFundedConsumer(endpoints: PlatformEndpoints, credits: number): Promise<{ owner: PlatformUser; consumer: PlatformUser; token: Record<'owner' | 'consumer', string> }> {
  const [owner, consumer] = await Promise.all([onboardUser(endpoints, 'GridMSP', 'owner'), onboardUser(endpoints, 'ConsumerMSP', 'consumer')]);
  const token = { owner: await signIn(endpoints, owner), consumer: await signIn(endpoints, consumer) };
  const admin = endpoints.admins.find((a) => a.mspId === 'ConsumerMSP');
  if (!admin) throw new Error('no ConsumerMSP admin');
  const minted = await call(endpoints.accessPolicyUrl, 'POST', `/accounts/${consumer.id}/credits`, await signIn(endpoints, admin), { amount: credits });
  if (minted.status !== 201) throw new Error(`credits for the consumer were refused: ${minted.status} ${JSON.stringify(minted.body)}`);
  return { owner, consumer, token };
}

/** What a hostile client sees of an answer: the status, the code, and the headers it cares about. */
export interface Seen {
  status: number;
  code: string | null;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function send(url: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Seen> {
  const { token, json, headers, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...(headers as Record<string, string> | undefined) },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { text: text.slice(0, 200) };
  }
  return { status: response.status, code: typeof body['code'] === 'string' ? body['code'] : null, body, headers: response.headers };
}

/** An upload as the dashboard makes one: metadata first, then the file, multipart. */
export async function upload(storageUrl: string, token: string, metadata: Record<string, unknown>, content: Buffer, fileName: string): Promise<Seen> {
  const form = new FormData();
  form.append('metadata', JSON.stringify(metadata));
  form.append('file', new Blob([content]), fileName);
  const response = await fetch(`${storageUrl}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, code: typeof body['code'] === 'string' ? body['code'] : null, body, headers: response.headers };
}

export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

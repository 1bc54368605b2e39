import { ApiError } from './api-error.ts';
import { session } from './session-store.ts';

/**
 * fetch through the public entry with the session's access token. A 401 renews the token once
 * and repeats the call; a call whose body is a stream cannot be repeated and is not retried.
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const attempt = () => {
    const headers = new Headers(init.headers);
    if (session.token) headers.set('authorization', `Bearer ${session.token}`);
    return fetch(path, { ...init, headers });
  };
  let response: Response;
  try {
    response = await attempt();
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'network');
  }
  if (response.status === 401 && !(init.body instanceof ReadableStream) && (await session.renew())) return attempt();
  return response;
}

/** JSON in, JSON out; any non-2xx becomes an ApiError carrying the service's sentence. */
export async function api<T>(path: string, options: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await apiFetch(path, {
    method: options.method ?? 'GET',
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) throw await ApiError.from(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A query string from the fields that have a value. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

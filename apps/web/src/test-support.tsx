import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';

/** Renders inside a router at `path`. */
export const renderAt = (ui: ReactElement, path = '/') => render(<MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>);

// a 204 has no body at all: a Response refuses one
const json = (status: number, body: unknown) => (status === 204 ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

/** Replaces fetch with answers by "METHOD path" (query ignored); anything else is a 404 {code, message}. */
export function stubApi(routes: Record<string, unknown | ((body: unknown) => [number, unknown])>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path: url.pathname + url.search, body });
    const answer = routes[`${method} ${url.pathname}`];
    if (answer === undefined) return json(404, { code: 'NOT_FOUND', message: `no stub for ${method} ${url.pathname}` });
    if (typeof answer === 'function') {
      const [status, payload] = (answer as (body: unknown) => [number, unknown])(body);
      return json(status, payload);
    }
    return json(200, answer);
  });
  vi.stubGlobal('fetch', fetchStub);
  return calls;
}

/**
 * A session this tab resumes as `me` once rendered inside SessionProvider: a refresh token in
 * sessionStorage, and the answers the resume asks for (merge them into stubApi's routes).
 */
export function resumeSessionAs(me: Record<string, unknown>): Record<string, unknown> {
  sessionStorage.setItem('gridledger.refreshToken', 'r-resumed');
  return {
    'POST /api/identity/auth/refresh': { accessToken: 'a-resumed', refreshToken: 'r-resumed', expiresIn: 900 },
    'GET /api/identity/users/me': me,
  };
}

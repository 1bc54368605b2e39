/**
 * The one list of what the browser may reach behind /api. Anything not in it is a 404 at the
 * entry, so an internal route of a service (the identity service's signing API, the ledger's
 * operator replay, every /health and /docs) is never public by accident.
 */
export type Upstream = 'identity' | 'ledger' | 'storage' | 'accessPolicy' | 'audit';

export interface Route {
  upstream: Upstream;
  /** the path and query to ask the upstream for */
  path: string;
  /** `public`: sign-in and friends; `user`: the entry verifies the access token before forwarding */
  auth: 'public' | 'user';
  /** counted by the ops dashboard's throughput figures */
  meter: 'upload' | 'download' | null;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Rule {
  methods: Method[];
  /** `:x` is one id-like segment; a trailing `*` is any number of such segments */
  pattern: string;
  auth?: Route['auth'];
  meter?: Route['meter'];
}

const RULES: Record<string, { upstream: Upstream; rules: Rule[] }> = {
  identity: {
    upstream: 'identity',
    rules: [
      { methods: ['POST'], pattern: 'auth/login', auth: 'public' },
      { methods: ['POST'], pattern: 'auth/refresh', auth: 'public' },
      { methods: ['POST'], pattern: 'auth/logout', auth: 'public' },
      // a user with a reset token from their admin has no session
      { methods: ['POST'], pattern: 'auth/password-reset', auth: 'public' },
      { methods: ['GET'], pattern: 'organizations', auth: 'public' },
      { methods: ['GET'], pattern: 'users/me' },
      { methods: ['PUT'], pattern: 'users/me/encryption-key' },
      { methods: ['PUT'], pattern: 'users/me/password' },
      { methods: ['GET'], pattern: 'users' },
      { methods: ['GET'], pattern: 'users/names' },
      { methods: ['PUT'], pattern: 'users/:id/display-name' },
      { methods: ['POST'], pattern: 'users/:id/password-reset' },
      { methods: ['POST'], pattern: 'organizations/:msp/users' },
      { methods: ['POST'], pattern: 'users/:id/suspend' },
      { methods: ['POST'], pattern: 'users/:id/reactivate' },
    ],
  },
  storage: {
    upstream: 'storage',
    rules: [
      { methods: ['POST'], pattern: 'files', meter: 'upload' },
      { methods: ['GET'], pattern: 'uploads/:id' },
      { methods: ['GET'], pattern: 'files/:id' },
      { methods: ['GET'], pattern: 'files/:id/content', meter: 'download' },
      { methods: ['POST'], pattern: 'files/:id/download-link' },
      // the link is the credential: the browser's download manager sends no bearer header
      { methods: ['GET'], pattern: 'downloads/links/:token', auth: 'public', meter: 'download' },
      { methods: ['POST'], pattern: 'files/:id/key-release' },
      { methods: ['GET'], pattern: 'files/:id/key-envelope' },
      { methods: ['POST'], pattern: 'files/:id/key-rotation' },
    ],
  },
  access: {
    upstream: 'accessPolicy',
    rules: [
      { methods: ['GET'], pattern: 'catalog' },
      { methods: ['GET', 'POST'], pattern: 'requests*' },
      { methods: ['GET'], pattern: 'inbox' },
      { methods: ['GET', 'PUT'], pattern: 'assets/:id/policy' },
      { methods: ['PATCH'], pattern: 'assets/:id/details' },
      { methods: ['POST'], pattern: 'assets/:id/retire' },
      { methods: ['POST'], pattern: 'supervision*' },
      { methods: ['GET'], pattern: 'accounts/me' },
      { methods: ['POST'], pattern: 'accounts/:uid/credits' },
      // the stream is server-sent events: forward() pipes each chunk on as it comes, never buffering
      { methods: ['GET'], pattern: 'notifications' },
      { methods: ['GET'], pattern: 'notifications/stream' },
      { methods: ['POST'], pattern: 'notifications/read-all' },
      { methods: ['POST'], pattern: 'notifications/:id/read' },
      { methods: ['GET', 'POST'], pattern: 'webhooks' },
      { methods: ['DELETE'], pattern: 'webhooks/:id' },
      { methods: ['GET'], pattern: 'webhooks/:id/deliveries' },
    ],
  },
  audit: {
    upstream: 'audit',
    rules: [
      // a browser saves an export by following a single-use link, which carries no bearer header:
      // the link is the credential, checked by the audit service (before 'audit*', which wants a token)
      { methods: ['GET'], pattern: 'audit/exports/links/:token', auth: 'public' },
      { methods: ['GET'], pattern: 'audit*' },
      { methods: ['POST'], pattern: 'audit/reconciliations' },
      { methods: ['POST'], pattern: 'audit/exports/links' },
      { methods: ['POST'], pattern: 'audit/violations/:id/acknowledge' },
      { methods: ['POST'], pattern: 'audit/violations/:id/resolve' },
    ],
  },
  ledger: {
    upstream: 'ledger',
    rules: [
      { methods: ['GET'], pattern: 'assets' },
      { methods: ['GET'], pattern: 'assets/:id' },
      { methods: ['GET'], pattern: 'assets/:id/lineage' },
      { methods: ['GET'], pattern: 'assets/:id/history' },
      { methods: ['GET'], pattern: 'assets/:id/access/:uid' },
      { methods: ['GET'], pattern: 'requests/:id' },
      { methods: ['GET'], pattern: 'accounts/:uid' },
      { methods: ['GET'], pattern: 'chain/height' },
      { methods: ['GET'], pattern: 'transactions/:tx' },
    ],
  },
};

// ids, MSP ids, usernames, transaction ids: never ".", "..", "%" or "/"
const SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._:-]{1,128}$/;

function matches(pattern: string, segments: string[]): boolean {
  const open = pattern.endsWith('*');
  const parts = (open ? pattern.slice(0, -1) : pattern).split('/');
  if (open ? segments.length < parts.length : segments.length !== parts.length) return false;
  if (!segments.every((s) => SEGMENT.test(s))) return false;
  return parts.every((part, i) => part.startsWith(':') || part === segments[i]);
}

/**
 * Where `/api/<service>/<path>?<query>` goes, or null when the browser may not go there.
 * `url` is the request's URL below `/api/`.
 */
export function resolveRoute(method: string, url: string): Route | null {
  const [pathname = '', query] = splitOnce(url, '?');
  const [service = '', ...segments] = pathname.split('/');
  const table = RULES[service];
  if (!table) return null;
  // the identity service's JWKS path starts with a dot segment, so it is matched as a whole
  const rule = pathname === 'identity/.well-known/jwks.json' && method === 'GET'
    ? ({ methods: ['GET'], pattern: '.well-known/jwks.json', auth: 'public' } satisfies Rule)
    : table.rules.find((r) => r.methods.includes(method as Method) && matches(r.pattern, segments));
  if (!rule) return null;
  return {
    upstream: table.upstream,
    path: `/${segments.join('/')}${query === undefined ? '' : `?${query}`}`,
    auth: rule.auth ?? 'user',
    meter: rule.meter ?? null,
  };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

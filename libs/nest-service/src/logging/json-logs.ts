import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';

/** Request and response headers that carry a credential: never written to a log. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-gridledger-attestation"]',
  'req.headers["x-download-ticket"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'res.headers["x-download-ticket"]',
];

/** Query parameters whose values are credentials, wherever they appear. */
const SECRET_QUERY = /^(token|ticket|password|secret|code|key|access_token|refresh_token)$/i;

/**
 * A request's URL as it may be logged: the token of a single-use link (the link is the credential)
 * and the values of credential-like query parameters replaced.
 */
export function loggableUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path.replace(/\/links\/[^/]+/g, '/links/[redacted]');
  if (query === undefined) return safePath;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (SECRET_QUERY.test(key)) params.set(key, '[redacted]');
  return `${safePath}?${params.toString()}`;
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** The caller's request id when it sent a sane one (so one id follows a request through the services), else a fresh one. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Failures always; changes (POST, PUT, DELETE…) at info; reads and service-to-service calls
 * (/internal: the ledger's signature batches) at debug, since at chain speed a line per read
 * would cost more than it tells.
 */
export function requestLogLevel(request: IncomingMessage, response: ServerResponse, error?: Error): 'error' | 'warn' | 'info' | 'debug' {
  if (error || response.statusCode >= 500) return 'error';
  if (response.statusCode >= 400) return 'warn';
  if (request.method === 'GET' || request.method === 'HEAD' || request.url?.startsWith('/internal/')) return 'debug';
  return 'info';
}

/**
 * JSON logs, one object per line on stdout, through pino: every request with its id (taken from
 * x-request-id, answered in x-request-id), credentials redacted, the service's name on every
 * line. LOG_LEVEL (default info) sets how much is written.
 */
export function jsonLogsOptions(service: string, level = process.env['LOG_LEVEL'] ?? 'info'): Params {
  return {
    pinoHttp: {
      name: service,
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (request, response) => {
        const id = requestIdOf(request);
        response.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: requestLogLevel,
      // a line logged while serving a request names it by id only; its one request line has the rest
      quietReqLogger: true,
      // probes, scrapes and the API description are not news
      autoLogging: { ignore: (request) => /^\/(health|metrics|docs|openapi\.json)(\/|\?|$)/.test(request.url ?? '') },
      serializers: {
        req: (request: { id: unknown; method: string; url: string; headers: Record<string, unknown> }) => ({ id: request.id, method: request.method, url: loggableUrl(request.url), headers: request.headers }),
      },
    },
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, startSpan, withContext } from './spans.ts';
import { contextFromCarrier } from './trace-context.ts';

/** what Express adds to a request once a route matched it */
type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };

/**
 * Middleware that makes each HTTP request a SERVER span, a child of the caller's `traceparent`
 * header when there is one, current for everything the request does. The span is named by the
 * route's template (`POST /files`), never by the concrete path or query, which may carry a
 * one-time link's token or a user's search. With tracing off it only calls next().
 */
export function httpServerSpans(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const method = req.method ?? 'GET';
    const { span, context } = startSpan(method, { kind: SpanKind.SERVER, parent: contextFromCarrier({ traceparent: req.headers.traceparent, tracestate: req.headers.tracestate }), attributes: { 'http.request.method': method } });
    if (!span.isRecording()) return next();
    res.once('close', () => {
      const routed = req as RoutedRequest;
      const template = typeof routed.route?.path === 'string' ? `${routed.baseUrl ?? ''}${routed.route.path}` : undefined;
      if (template) {
        span.updateName(`${method} ${template}`);
        span.setAttribute('http.route', template);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (!res.writableFinished) span.setAttribute('http.response.aborted', true);
      span.end();
    });
    withContext(context, next);
  };
}

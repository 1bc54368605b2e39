import { inSpan, SpanKind, tracingEnabled } from '@gridledger/tracing';
import type pg from 'pg';

/** the statement's first words, which name it without the values it carries */
const operation = (text: string): string => text.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? 'query';

/**
 * Makes each promise-style query of the pool's clients a CLIENT span. The span holds the SQL text,
 * never its parameters: values are where user data and secrets would be. Callback and
 * submittable queries (cursors, COPY streams) pass through untraced. Each client is wrapped once,
 * as the pool opens it, so checked-out clients (transactions) are traced too.
 */
export function traceQueries(pool: pg.Pool, enabled = tracingEnabled()): void {
  // off, a query pays for nothing: the clients are left as pg made them
  if (!enabled) return;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const traced = (...args: unknown[]): unknown => {
      const [config, values, callback] = args;
      const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
      const streamed = typeof (config as { submit?: unknown } | null)?.submit === 'function';
      if (typeof text !== 'string' || streamed || typeof values === 'function' || typeof callback === 'function') return query(...args);
      return inSpan(`pg ${operation(text)}`, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.query.text': text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text } }, () => query(...args) as Promise<unknown>);
    };
    client.query = traced as typeof client.query;
  });
}

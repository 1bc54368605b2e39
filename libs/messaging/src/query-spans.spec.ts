import { EventEmitter } from 'node:events';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { traceQueries } from './query-spans.ts';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});
afterAll(() => {
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

/** A pool that "opens" one client whose query answers with what it was given. */
function poolWithClient(enabled: boolean) {
  const pool = new EventEmitter() as unknown as pg.Pool;
  traceQueries(pool, enabled);
  const client = { query: (...args: unknown[]) => (typeof args[args.length - 1] === 'function' ? undefined : Promise.resolve({ rows: [], args })) } as unknown as pg.PoolClient;
  (pool as unknown as EventEmitter).emit('connect', client);
  return client;
}

describe('query spans', () => {
  it('makes a promise query a CLIENT span with its SQL and none of its values', async () => {
    const client = poolWithClient(true);
    await client.query('select * from users where password_hash = $1', ['s3cret-value']);
    await provider.forceFlush();
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('pg select');
    expect(span?.attributes['db.query.text']).toBe('select * from users where password_hash = $1');
    expect(JSON.stringify(span?.attributes)).not.toContain('s3cret-value');
  });

  it('passes callback queries through untraced, and leaves the clients alone while tracing is off', async () => {
    const client = poolWithClient(true);
    client.query('select 1', () => undefined);
    const untouched = poolWithClient(false);
    await untouched.query('select 1');
    await provider.forceFlush();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});

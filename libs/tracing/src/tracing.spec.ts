import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpServerSpans } from './http-server-spans.ts';
import { inSpan, SpanKind } from './spans.ts';
import { contextFromCarrier, traceCarrier, TRACEPARENT_PATTERN } from './trace-context.ts';
import { tracingSettings } from './tracing-setup.ts';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
/** the simple processor hands a span to the exporter asynchronously */
const finishedSpans = async () => {
  await provider.forceFlush();
  return exporter.getFinishedSpans();
};

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
});
afterAll(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});
beforeEach(() => exporter.reset());

describe('tracing settings', () => {
  it('is off unless an OTLP endpoint is configured', () => {
    expect(tracingSettings({}).endpoint).toBeUndefined();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).endpoint).toBeUndefined();
  });

  it('appends the traces path to the base endpoint, and prefers the traces-only one', () => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).endpoint).toBe('http://collector:4318/v1/traces');
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/t' }).endpoint).toBe('http://b:4318/t');
  });

  it('refuses an endpoint that is not an http(s) URL, naming the setting', () => {
    expect(() => tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});

describe('spans across a boundary', () => {
  it('carries the current span as a W3C traceparent and continues it on the other side', async () => {
    const carried = await inSpan('writer', {}, () => Promise.resolve(traceCarrier()));
    expect(carried.traceparent).toMatch(TRACEPARENT_PATTERN);
    await inSpan('reader', { kind: SpanKind.CONSUMER, parent: contextFromCarrier(carried) }, () => Promise.resolve());
    const [writer, reader] = (await finishedSpans());
    expect(reader?.spanContext().traceId).toBe(writer?.spanContext().traceId);
    expect(reader?.parentSpanContext?.spanId).toBe(writer?.spanContext().spanId);
  });

  it('starts a new trace from a carrier that holds nothing usable', async () => {
    await inSpan('reader', { parent: contextFromCarrier({ traceparent: 'not-a-trace' }) }, () => Promise.resolve());
    expect((await finishedSpans())[0]?.parentSpanContext).toBeUndefined();
  });

  it('marks a span failed and rethrows the error unchanged', async () => {
    const failure = new Error('peer unavailable');
    await expect(inSpan('submit', {}, () => Promise.reject(failure))).rejects.toBe(failure);
    const [span] = (await finishedSpans());
    expect(span?.status).toMatchObject({ code: 2, message: 'peer unavailable' });
  });
});

describe('HTTP server spans', () => {
  it('makes a request a SERVER span under the caller’s traceparent, named without its path', async () => {
    const middleware = httpServerSpans();
    const server = createServer((req, res) => middleware(req, res, () => void inSpan('inner', {}, async () => res.end('ok'))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/links/secret-token?x=1', headers: { traceparent } }, (res) => res.resume().on('end', resolve));
      req.on('error', reject).end();
    });
    server.close();
    const spans = (await finishedSpans());
    const serverSpan = spans.find((s) => s.kind === SpanKind.SERVER);
    expect(serverSpan?.name).toBe('GET');
    expect(serverSpan?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(serverSpan?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(serverSpan?.attributes['http.response.status_code']).toBe(200);
    expect(JSON.stringify(serverSpan?.attributes)).not.toContain('secret-token');
    expect(spans.find((s) => s.name === 'inner')?.parentSpanContext?.spanId).toBe(serverSpan?.spanContext().spanId);
  });
});

import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export interface TracingSettings {
  /** where spans go over OTLP/HTTP; none means tracing is off */
  endpoint: string | undefined;
  /** how long finished spans wait to be sent together */
  exportDelayMs: number;
}

export interface Tracing {
  readonly enabled: boolean;
  /** sends the spans still waiting; a stopping process calls this so its last spans are not lost */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: () => Promise.resolve() };

/**
 * The OpenTelemetry settings a service reads, by their standard names so any OpenTelemetry
 * operator knows them: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the full URL) or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (a base, `/v1/traces` appended), and `OTEL_SDK_DISABLED`.
 * Unset, tracing is off: spans cost nothing and no trace context is added to anything.
 */
export function tracingSettings(env: NodeJS.ProcessEnv = process.env): TracingSettings {
  const delay = Number(env['OTEL_BSP_SCHEDULE_DELAY'] ?? 1_000);
  const exportDelayMs = Number.isFinite(delay) && delay >= 0 ? delay : 1_000;
  if (env['OTEL_SDK_DISABLED'] === 'true') return { endpoint: undefined, exportDelayMs };
  const traces = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim();
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  const endpoint = traces || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (endpoint && !/^https?:\/\//.test(endpoint)) throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, not "${endpoint}"`);
  return { endpoint, exportDelayMs };
}

let started: Tracing | undefined;

/** Sends the spans still waiting and stops exporting; a stopping process calls it last. */
export const stopTracing = (): Promise<void> => started?.shutdown() ?? Promise.resolve();

/** Whether this process exports spans: code that would pay for spans on every call asks first. */
export const tracingEnabled = (): boolean => started?.enabled ?? false;

/**
 * Starts tracing for this process, once, before anything that makes spans runs: spans are
 * exported over OTLP/HTTP (JSON) in batches, and the W3C trace context is what crosses process
 * boundaries. Spans are made by hand at the platform's own boundaries (HTTP in and out, Kafka
 * through the CloudEvents envelope, PostgreSQL, the Fabric gateway): the services are bundled
 * ES modules, which auto-instrumentation's module hooks cannot see into.
 */
export function startTracing(serviceName: string, settings: TracingSettings = tracingSettings()): Tracing {
  if (started) return started;
  if (!settings.endpoint) return (started = OFF);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.endpoint }), scheduledDelayMillis: settings.exportDelayMs })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return (started = { enabled: true, shutdown: () => provider.shutdown() });
}

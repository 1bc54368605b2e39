export { startTracing, stopTracing, tracingEnabled, tracingSettings, type Tracing, type TracingSettings } from './tracing-setup.ts';
export { contextFromCarrier, pickTraceCarrier, traceCarrier, TRACEPARENT_PATTERN, type TraceCarrier } from './trace-context.ts';
export { failSpan, inClientSpan, inSpan, SpanKind, startSpan, withContext, type Attributes, type Span, type SpanOptions } from './spans.ts';
export { httpServerSpans } from './http-server-spans.ts';

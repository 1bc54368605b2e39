import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';

/**
 * The W3C trace context as text, the way it crosses a process boundary: HTTP headers, and the
 * CloudEvents distributed-tracing extension's attributes of the same names.
 */
export type TraceCarrier = {
  traceparent?: string;
  tracestate?: string;
};

/** `version-traceid-spanid-flags`, lower-case hex, as W3C Trace Context level 1 writes it */
export const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The current (or given) context as a carrier; empty while tracing is off or nothing is traced. */
export function traceCarrier(from: Context = context.active()): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  const out: TraceCarrier = {};
  if (carrier['traceparent']) out.traceparent = carrier['traceparent'];
  if (carrier['tracestate']) out.tracestate = carrier['tracestate'];
  return out;
}

/** The trace context fields of an object that has them (a CloudEvent), and nothing else. */
export function pickTraceCarrier(source: { readonly traceparent?: string | undefined; readonly tracestate?: string | undefined }): TraceCarrier {
  const carrier: TraceCarrier = {};
  if (source.traceparent) carrier.traceparent = source.traceparent;
  if (source.traceparent && source.tracestate) carrier.tracestate = source.tracestate;
  return carrier;
}

/** The context a carrier names, under which the next span becomes its child. */
export function contextFromCarrier(carrier: { readonly traceparent?: unknown; readonly tracestate?: unknown } | undefined): Context {
  if (!carrier) return ROOT_CONTEXT;
  const text: Record<string, string> = {};
  for (const name of ['traceparent', 'tracestate'] as const) {
    const value = carrier[name];
    if (typeof value === 'string') text[name] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') text[name] = value[0];
  }
  return propagation.extract(ROOT_CONTEXT, text);
}

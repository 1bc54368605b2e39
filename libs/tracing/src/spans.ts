import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

export { SpanKind, type Attributes, type Span };

const tracer = () => trace.getTracer('gridledger');

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** the parent, when it is not the current context (a Kafka event's, a stored command's) */
  parent?: Context;
}

/**
 * Runs `work` inside a new span that is current for everything it awaits, and ends the span with
 * the outcome: an error marks it failed and is rethrown unchanged. With tracing off the span is
 * a no-op and this is a plain call.
 */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} }, options.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span the caller ends itself, for work that is not one awaited call (a streamed HTTP answer). */
export function startSpan(name: string, options: SpanOptions): { span: Span; context: Context } {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** Marks a span failed with the error's class and message; never its stack or the values it held. */
export function failSpan(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute('error.type', error instanceof Error ? error.name : 'unknown');
}

/** Runs `work` with `ctx` current, so the spans it starts are children of ctx's span. */
export const withContext = <T>(ctx: Context, work: () => T): T => context.with(ctx, work);

/**
 * A CLIENT span around a call to another process, with the headers that carry the span to it
 * (`traceparent`, `tracestate`; none while tracing is off) for the caller to add to its request.
 */
export function inClientSpan<T>(name: string, attributes: Attributes, call: (traceHeaders: Record<string, string>) => Promise<T>): Promise<T> {
  return inSpan(name, { kind: SpanKind.CLIENT, attributes }, (span) => {
    const headers: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), headers);
    return call(headers);
  });
}

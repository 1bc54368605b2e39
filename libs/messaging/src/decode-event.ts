import type { CloudEvent } from '@gridledger/contracts';
import { pickTraceCarrier, TRACEPARENT_PATTERN } from '@gridledger/tracing';
import { z } from 'zod';

/** The CloudEvents 1.0 fields every GridLedger event carries; `data` is checked per topic afterwards. */
const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string(),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  // a malformed trace context is dropped, never the event: tracing is no reason to dead-letter
  traceparent: z.string().regex(TRACEPARENT_PATTERN).optional().catch(undefined),
  tracestate: z.string().max(512).optional().catch(undefined),
});

/** A topic's payload schema, or a function that finds it (e.g. from `TOPIC_SCHEMAS`). */
export type SchemaSource<T> = Readonly<Record<string, z.ZodType<T>>> | ((topic: string) => z.ZodType<T> | undefined);

export type DecodeResult<T> = { ok: true; event: CloudEvent<T> } | { ok: false; reason: string };

export function schemaFor<T>(source: SchemaSource<T>, topic: string): z.ZodType<T> | undefined {
  return typeof source === 'function' ? source(topic) : Object.hasOwn(source, topic) ? source[topic] : undefined;
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}

/**
 * Decides whether a record can ever be applied. Every failure here is permanent (retrying cannot
 * make bad bytes good), so the consumer dead-letters at once with `reason` instead of retrying.
 */
export function decodeEvent<T>(topic: string, value: Buffer | string | null, schemas: SchemaSource<T>): DecodeResult<T> {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty message value (tombstone or no payload)' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: `not a CloudEvents 1.0 envelope: ${describe(envelope.error)}` };
  const schema = schemaFor(schemas, topic);
  if (!schema) return { ok: false, reason: `no payload schema for topic ${topic}` };
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, reason: `data does not match the schema of ${topic}: ${describe(data.error)}` };
  const { traceparent, tracestate, ...fields } = envelope.data;
  return { ok: true, event: { ...fields, ...pickTraceCarrier({ traceparent, tracestate }), data: data.data } };
}

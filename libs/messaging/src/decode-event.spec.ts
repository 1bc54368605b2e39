import { cloudEvent } from '@gridledger/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeEvent } from './decode-event.ts';

const TOPIC = 'gridledger.test.meter-read.v1';
const schemas = { [TOPIC]: z.object({ meterId: z.string(), kwh: z.number() }) };
const valid = cloudEvent({ id: 'e-1', source: '/test', type: TOPIC, subject: 'm-1', time: new Date(), data: { meterId: 'm-1', kwh: 3.5 } });

function decode(value: string | null, topic = TOPIC) {
  return decodeEvent(topic, value === null ? null : Buffer.from(value), schemas);
}

describe('decodeEvent', () => {
  it('accepts a CloudEvent whose data fits the topic schema', () => {
    const result = decode(JSON.stringify(valid));
    expect(result).toEqual({ ok: true, event: valid });
  });

  it('keeps the trace context of the CloudEvents tracing extension, and drops a malformed one rather than the event', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const traced = decode(JSON.stringify({ ...valid, traceparent, tracestate: 'vendor=1' }));
    expect(traced.ok && traced.event).toMatchObject({ traceparent, tracestate: 'vendor=1' });
    const malformed = decode(JSON.stringify({ ...valid, traceparent: '00-not-a-trace', tracestate: 'vendor=1' }));
    expect(malformed).toEqual({ ok: true, event: valid });
  });

  it('rejects bytes that are not JSON', () => {
    const result = decode('{not json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/not JSON/);
  });

  it('rejects an empty value', () => {
    expect(decode(null).ok).toBe(false);
    expect(decode('').ok).toBe(false);
  });

  it('rejects JSON that is not a CloudEvents 1.0 envelope, naming the field', () => {
    const result = decode(JSON.stringify({ ...valid, specversion: '0.3' }));
    expect(!result.ok && result.reason).toMatch(/CloudEvents.*specversion/);
    const noId = decode(JSON.stringify({ ...valid, id: '' }));
    expect(!noId.ok && noId.reason).toMatch(/id/);
  });

  it('rejects data that fails the topic schema, naming the field', () => {
    const result = decode(JSON.stringify({ ...valid, data: { meterId: 'm-1', kwh: 'lots' } }));
    expect(!result.ok && result.reason).toMatch(/schema.*kwh/);
  });

  it('rejects a topic it has no schema for, also through a lookup function', () => {
    expect(decode(JSON.stringify(valid), 'gridledger.other.v1').ok).toBe(false);
    const viaFunction = decodeEvent('x', Buffer.from(JSON.stringify(valid)), () => undefined);
    expect(!viaFunction.ok && viaFunction.reason).toMatch(/no payload schema/);
    // an inherited property name is not a schema
    expect(decode(JSON.stringify(valid), 'toString').ok).toBe(false);
  });
});

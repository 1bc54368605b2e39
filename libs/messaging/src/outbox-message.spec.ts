import { cloudEvent } from '@gridledger/contracts';
import { describe, expect, it } from 'vitest';
import { toKafkaMessage, toTopicMessages, type OutboxRow } from './outbox-message.ts';

function row(id: string, topic: string, key: string): OutboxRow {
  const envelope = cloudEvent({ id, source: '/test', type: topic, subject: key, time: new Date('2026-01-01T00:00:00Z'), data: { n: id } });
  return { id, topic, message_key: key, envelope: envelope as unknown as Record<string, unknown> };
}

describe('toKafkaMessage', () => {
  it('keys by aggregate, carries the envelope as JSON and the CloudEvents headers', () => {
    const message = toKafkaMessage(row('e-1', 'gridledger.test.thing.v1', 'asset-7'));
    expect(message.key).toBe('asset-7');
    expect(JSON.parse(String(message.value))).toMatchObject({ specversion: '1.0', id: 'e-1', data: { n: 'e-1' } });
    expect(message.headers).toEqual({ ce_id: 'e-1', ce_type: 'gridledger.test.thing.v1', 'content-type': 'application/cloudevents+json' });
  });
});

describe('toTopicMessages', () => {
  it('groups by topic and keeps the outbox order inside each topic', () => {
    const rows = [row('1', 'a', 'k'), row('2', 'b', 'k'), row('3', 'a', 'k'), row('4', 'b', 'j'), row('5', 'a', 'j')];
    const grouped = toTopicMessages(rows);
    expect(grouped.map((g) => g.topic)).toEqual(['a', 'b']);
    expect(grouped.map((g) => g.messages.map((m) => m.headers?.['ce_id']))).toEqual([
      ['1', '3', '5'],
      ['2', '4'],
    ]);
  });
});

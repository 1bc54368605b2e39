import { describe, expect, it } from 'vitest';
import type { KafkaMessage } from 'kafkajs';
import { deadLetterMessage, deadLetterTopic } from './dead-letter.ts';

describe('dead letters', () => {
  it('go to <topic>.dlq with the original record and why', () => {
    const original: KafkaMessage = {
      key: Buffer.from('asset-1'),
      value: Buffer.from('garbage'),
      headers: { ce_id: 'e-9' },
      offset: '42',
      timestamp: '0',
      attributes: 0,
    };
    expect(deadLetterTopic('gridledger.a.b.v1')).toBe('gridledger.a.b.v1.dlq');
    const message = deadLetterMessage({ topic: 'gridledger.a.b.v1', partition: 2, message: original }, 'value is not JSON', 'gridledger-ledger-commands');
    expect(message.key).toEqual(Buffer.from('asset-1'));
    expect(message.value).toEqual(Buffer.from('garbage'));
    expect(message.headers).toEqual({ ce_id: 'e-9', dlq_reason: 'value is not JSON', dlq_source_topic: 'gridledger.a.b.v1', dlq_partition: '2', dlq_offset: '42', dlq_group: 'gridledger-ledger-commands' });
    // the original record's headers are not modified
    expect(original.headers).toEqual({ ce_id: 'e-9' });
  });
});

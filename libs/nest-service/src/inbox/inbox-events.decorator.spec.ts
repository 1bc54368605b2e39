import 'reflect-metadata';
import type { CloudEvent } from '@gridledger/contracts';
import type { DeliveryMeta } from '@gridledger/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { InboxConsumers, OpenedGroup } from './inbox-consumers.ts';
import type { InboxContext } from './inbox-context.ts';
import { InboxEvents } from './inbox-events.decorator.ts';
import { InboxTransport } from './inbox-transport.ts';

class FrozenAsset extends Error {
  readonly code = 'ASSET_FROZEN';
}

const applied: { id: string; topic: string; tx: unknown }[] = [];

@Controller()
class MeterReadingsConsumer {
  @InboxEvents<{ meter: string }>({ groupId: 'gridledger-test-readings', clientId: 'test', logContext: 'Readings', topics: ['gridledger.test.reading.v1', 'gridledger.test.correction.v1'], schemas: () => undefined })
  async apply(@Payload() event: CloudEvent<{ meter: string }>, @Ctx() { tx, meta }: InboxContext): Promise<void> {
    if (event.data.meter === 'frozen') throw new FrozenAsset('the meter is frozen');
    applied.push({ id: event.id, topic: meta.topic, tx });
  }
}

const meta = (topic: string): DeliveryMeta => ({ topic, partition: 0, offset: '0', key: null, headers: {}, attempt: 1, lastAttempt: false });
const event = (id: string, meter: string) => ({ specversion: '1.0', id, source: 's', type: 't', time: '2026-12-05T00:00:00Z', datacontenttype: 'application/json', subject: meter, data: { meter } }) as CloudEvent<{ meter: string }>;

describe('@InboxEvents in a Nest app', () => {
  it('reaches the decorated method with its payload and context, and lets its own error through to the consumer', async () => {
    const opened: OpenedGroup[] = [];
    const consumers = { open: async (groups: OpenedGroup[]) => void opened.push(...groups), close: async () => undefined } as unknown as InboxConsumers;
    const app = (await Test.createTestingModule({ controllers: [MeterReadingsConsumer] }).compile()).createNestApplication({ logger: false });
    app.connectMicroservice({ strategy: new InboxTransport(consumers) });
    await app.init();
    await app.startAllMicroservices();
    try {
      expect(opened.map((o) => [o.group.groupId, o.group.topics])).toEqual([['gridledger-test-readings', ['gridledger.test.reading.v1', 'gridledger.test.correction.v1']]]);
      const tx = { marker: 'tx' } as unknown as pg.PoolClient;
      await opened[0]?.handler(tx, event('e1', 'm-7'), meta('gridledger.test.correction.v1'));
      expect(applied).toEqual([{ id: 'e1', topic: 'gridledger.test.correction.v1', tx }]);
      // Nest's default RPC filter would have turned this into { status: 'error', message: 'Internal server error' }
      await expect(opened[0]?.handler(tx, event('e2', 'frozen'), meta('gridledger.test.reading.v1'))).rejects.toBeInstanceOf(FrozenAsset);
    } finally {
      await app.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { appendPoint, HISTORY, type OpsSample } from './ops-sample.ts';
import { parseSse } from '../../api/sse.ts';

describe('parseSse', () => {
  it('returns whole events and keeps a partial one for the next chunk', () => {
    const { events, rest } = parseSse('retry: 3000\n\nevent: sample\ndata: {"a":1}\n\n: comment\n\nevent: sample\ndata: {"a"');
    expect(events).toEqual([{ event: 'sample', data: '{"a":1}' }]);
    expect(rest).toBe('event: sample\ndata: {"a"');
    expect(parseSse(`${rest}:2}\n\n`).events).toEqual([{ event: 'sample', data: '{"a":2}' }]);
  });
});

describe('appendPoint', () => {
  const sample = (i: number): OpsSample => ({
    at: `2026-11-24T10:00:${String(i % 60).padStart(2, '0')}.000Z`,
    services: [],
    components: [],
    chain: { height: i, blocksPerSecond: 0, txPerSecond: 2, failedTxPerSecond: 0, relayCheckpoint: i },
    kafka: { consumerLag: 0, consumerGroups: [{ service: 'audit', group: 'gridledger-audit', lag: 0 }], outboxUnpublished: 0, eventsPerSecond: 3, deadLettered: 0 },
    throughput: { uploadBytesPerSecond: 2 * 1024 * 1024, downloadBytesPerSecond: null, uploadsActive: 1, downloadsActive: 0 },
    errors: [],
  });

  it('turns a reading into a chart point in MiB/s and keeps a bounded window', () => {
    let points = appendPoint([], sample(1));
    expect(points[0]).toEqual({ time: '10:00:01', height: 1, txPerSecond: 2, eventsPerSecond: 3, lag: 0, uploadMiBps: 2, downloadMiBps: null });
    for (let i = 2; i <= HISTORY + 10; i += 1) points = appendPoint(points, sample(i));
    expect(points).toHaveLength(HISTORY);
    expect(points[points.length - 1]?.height).toBe(HISTORY + 10);
  });
});

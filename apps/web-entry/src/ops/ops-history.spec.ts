import { describe, expect, it } from 'vitest';
import { OpsHistory } from './ops-history.ts';

const at = (minute: number, second = 0) => Date.UTC(2026, 11, 4, 10, minute, second);
const figures = (tx: number | null) => ({ txPerSecond: tx, eventsPerSecond: tx === null ? null : tx * 2, uploadBytesPerSecond: 0, downloadBytesPerSecond: null });

describe('the ops history', () => {
  it('keeps one point a minute, the mean of the readings that had a figure', () => {
    const history = new OpsHistory();
    history.record(at(0, 5), figures(10));
    history.record(at(0, 35), figures(null));
    history.record(at(0, 55), figures(20));
    history.record(at(1, 10), figures(4));
    expect(history.points()).toEqual([
      { at: '2026-12-04T10:00:00.000Z', txPerSecond: 15, eventsPerSecond: 30, uploadBytesPerSecond: 0, downloadBytesPerSecond: null },
      { at: '2026-12-04T10:01:00.000Z', txPerSecond: 4, eventsPerSecond: 8, uploadBytesPerSecond: 0, downloadBytesPerSecond: null },
    ]);
  });

  it('forgets what is older than its window, and ignores a reading from the past', () => {
    const history = new OpsHistory(3);
    for (let minute = 0; minute < 6; minute++) history.record(at(minute), figures(minute));
    history.record(at(1), figures(99));
    expect(history.points().map((p) => [p.at.slice(14, 16), p.txPerSecond])).toEqual([['03', 3], ['04', 4], ['05', 5]]);
  });
});

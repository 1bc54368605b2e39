import { describe, expect, it } from 'vitest';
import { parseByteRange, windowLength } from './byte-range.ts';

describe('parseByteRange', () => {
  it('serves the whole file without a header', () => {
    expect(parseByteRange(undefined, 100)).toEqual({ kind: 'whole', window: { start: 0, end: 99 } });
  });

  it('resumes from an offset, slices, and serves a suffix', () => {
    expect(parseByteRange('bytes=40-', 100)).toEqual({ kind: 'partial', window: { start: 40, end: 99 } });
    expect(parseByteRange('bytes=10-19', 100)).toEqual({ kind: 'partial', window: { start: 10, end: 19 } });
    expect(parseByteRange('bytes=-30', 100)).toEqual({ kind: 'partial', window: { start: 70, end: 99 } });
    expect(parseByteRange('bytes=90-500', 100)).toEqual({ kind: 'partial', window: { start: 90, end: 99 } });
  });

  it('calls a range that covers everything the whole file', () => {
    expect(parseByteRange('bytes=0-', 100).kind).toBe('whole');
    expect(parseByteRange('bytes=-1000', 100).kind).toBe('whole');
  });

  it('refuses what it cannot serve exactly', () => {
    for (const header of ['bytes=100-', 'bytes=20-10', 'bytes=0-1,5-6', 'items=0-1', 'bytes=-', 'bytes=-0', 'bytes=abc', 'bytes=1234567890123456-']) {
      expect(parseByteRange(header, 100), header).toEqual({ kind: 'unsatisfiable' });
    }
  });

  it('measures a window', () => {
    expect(windowLength({ start: 10, end: 19 })).toBe(10);
  });
});

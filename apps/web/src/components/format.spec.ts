import { describe, expect, it } from 'vitest';
import { formatBytes, shortId } from './format.ts';

describe('format', () => {
  it('writes sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 ** 3)).toBe('1.0 GiB');
    expect(formatBytes(null)).toBe('—');
  });

  it('shortens long ids only', () => {
    expect(shortId('0fb7d996-fd92-4771')).toBe('0fb7d996…');
    expect(shortId('abc')).toBe('abc');
  });
});

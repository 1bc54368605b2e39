import { describe, expect, it } from 'vitest';
import { nextKeyId } from './rotate-master-key.ts';

describe('the next master key id', () => {
  it('follows the highest mk-<n> in use and ignores ids of another form', () => {
    expect(nextKeyId(['mk-1'])).toBe('mk-2');
    expect(nextKeyId(['mk-3', 'mk-10', 'mk-2'])).toBe('mk-11');
    expect(nextKeyId(['imported', 'k1'])).toBe('mk-1');
  });
});

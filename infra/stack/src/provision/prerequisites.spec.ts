import { describe, expect, it } from 'vitest';
import { atLeast, parseVersion } from './prerequisites.ts';

describe('prerequisite versions', () => {
  it('reads Go and Java version lines', () => {
    expect(parseVersion('go version go1.26.8 linux/amd64', /go(\d+)\.(\d+)/)).toEqual([1, 26]);
    expect(parseVersion('openjdk version "17.0.15" 2025-04-15', /version "(\d+)(?:\.(\d+))?/)).toEqual([17, 0]);
    expect(parseVersion('openjdk version "21" 2023-09-19', /version "(\d+)(?:\.(\d+))?/)).toEqual([21, 0]);
    expect(parseVersion('no version here', /go(\d+)\.(\d+)/)).toBeUndefined();
  });

  it('compares major then minor', () => {
    expect(atLeast([1, 26], [1, 26])).toBe(true);
    expect(atLeast([1, 25], [1, 26])).toBe(false);
    expect(atLeast([2, 0], [1, 26])).toBe(true);
  });
});

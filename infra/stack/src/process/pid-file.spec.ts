import { describe, expect, it } from 'vitest';
import { parseStatStartTime } from './pid-file.ts';

// /proc/<pid>/stat lines: pid (comm) state ppid … starttime is field 22
const stat = (comm: string, state: string) => `4242 (${comm}) ${state} 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 12345 67 18446744073709551615`;

describe('parseStatStartTime', () => {
  it('reads the start time of a running process', () => {
    expect(parseStatStartTime(stat('peer', 'S'))).toBe('987654');
  });

  it('is not fooled by spaces and parentheses in the command name', () => {
    expect(parseStatStartTime(stat('a (b) c', 'R'))).toBe('987654');
  });

  it('treats a zombie as gone', () => {
    expect(parseStatStartTime(stat('orderer', 'Z'))).toBeUndefined();
  });
});

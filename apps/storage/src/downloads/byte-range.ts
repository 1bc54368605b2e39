/** The bytes one response serves: `start` to `end`, both included (RFC 9110 §14.1.2). */
export interface ByteWindow {
  start: number;
  end: number;
}

export type RangeResult = { kind: 'whole'; window: ByteWindow } | { kind: 'partial'; window: ByteWindow } | { kind: 'unsatisfiable' };

/**
 * Reads a `Range` header against a file of `size` bytes. One range only: a resumed download
 * asks for where it broke off (`bytes=N-`), or a slice (`bytes=N-M`), or the last bytes
 * (`bytes=-N`). Several ranges, another unit or garbage are unsatisfiable rather than silently
 * answered with the whole file, so a client never mistakes the whole file for the rest of it.
 */
export function parseByteRange(header: string | undefined, size: number): RangeResult {
  const whole: ByteWindow = { start: 0, end: size - 1 };
  if (header === undefined || header.trim() === '') return { kind: 'whole', window: whole };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = match;
  if (first.length > 15 || last.length > 15) return { kind: 'unsatisfiable' };
  let window: ByteWindow;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    window = { start: Math.max(0, size - suffix), end: size - 1 };
  } else {
    const start = Number(first);
    const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
    if (start >= size || end < start) return { kind: 'unsatisfiable' };
    window = { start, end };
  }
  return window.start === 0 && window.end === size - 1 ? { kind: 'whole', window } : { kind: 'partial', window };
}

export const windowLength = (window: ByteWindow): number => Math.max(0, window.end - window.start + 1);

import { describe, expect, it } from 'vitest';
import { newClusterId } from './kafka.ts';

describe('newClusterId', () => {
  it('never starts with a dash, which the storage tool would take for an option', () => {
    const draws = [Buffer.from('f8' + '00'.repeat(15), 'hex'), Buffer.from('00'.repeat(16), 'hex')];
    // 0xf8 encodes to '-' first in base64url: that draw is thrown away
    expect(draws[0]?.toString('base64url').startsWith('-')).toBe(true);
    expect(newClusterId(() => draws.shift() ?? Buffer.alloc(16))).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    for (let i = 0; i < 1000; i += 1) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { ByteQueue } from './byte-queue.ts';

describe('ByteQueue', () => {
  it('returns bytes in order across buffer boundaries', () => {
    const queue = new ByteQueue();
    queue.push(Buffer.from('abc'));
    queue.push(Buffer.alloc(0));
    queue.push(Buffer.from('defgh'));
    queue.push(Buffer.from('ij'));
    expect(queue.length).toBe(10);
    expect(queue.take(2).toString()).toBe('ab');
    expect(queue.take(5).toString()).toBe('cdefg');
    expect(queue.take(3).toString()).toBe('hij');
    expect(queue.length).toBe(0);
    expect(queue.take(0).length).toBe(0);
  });

  it('refuses to take more than it holds', () => {
    const queue = new ByteQueue();
    queue.push(Buffer.from('ab'));
    expect(() => queue.take(3)).toThrow(RangeError);
    expect(queue.take(2).toString()).toBe('ab');
  });
});

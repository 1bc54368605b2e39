import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashingPassThrough } from './hashing-pass-through.ts';
import { runThrough } from './test-support/streams.ts';

describe('hashingPassThrough', () => {
  it('passes the bytes through unchanged and exposes their SHA-256 and count at the end', async () => {
    const input = Buffer.from('power data '.repeat(10_000));
    const hashing = hashingPassThrough();
    const output = await runThrough(input, [hashing]);
    expect(output.equals(input)).toBe(true);
    expect(hashing.sha256).toBe(createHash('sha256').update(input).digest('hex'));
    expect(hashing.bytes).toBe(input.length);
  });

  it('hashes an empty stream to the SHA-256 of nothing', async () => {
    const hashing = hashingPassThrough();
    await runThrough([], [hashing]);
    expect(hashing.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('refuses to give a digest before the stream has finished', () => {
    const hashing = hashingPassThrough();
    hashing.write(Buffer.from('partial'));
    expect(() => hashing.sha256).toThrow(/not available/);
    expect(hashing.bytes).toBe(7);
  });
});

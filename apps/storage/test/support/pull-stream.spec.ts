import { describe, expect, it } from 'vitest';
import { pullStream } from './pull-stream.ts';

describe('pullStream', () => {
  it('reads the source only as fast as the consumer pulls', async () => {
    let produced = 0;
    const stream = pullStream((async function* () {
      for (let i = 0; i < 100; i++) {
        produced += 1;
        yield new Uint8Array([i]);
      }
    })());
    const reader = stream.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // the one read, and at most one chunk ahead
    expect(produced).toBeLessThanOrEqual(2);
    const rest: number[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value[0] ?? -1);
    expect(rest).toHaveLength(99);
  });

  it('stops the source when the consumer cancels', async () => {
    let finished = false;
    const stream = pullStream((async function* () {
      try {
        for (;;) yield new Uint8Array(1);
      } finally {
        finished = true;
      }
    })());
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});

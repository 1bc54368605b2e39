import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../common/storage-error.ts';
import { ByteLimit } from './byte-limit.ts';

const drain = async function* (source: AsyncIterable<Buffer>) {
  for await (const _chunk of source) yield* [];
};

describe('ByteLimit', () => {
  it('passes a stream up to the limit and reports the bytes seen', async () => {
    const seen: number[] = [];
    const limit = new ByteLimit(10, (bytes) => seen.push(bytes));
    await pipeline(Readable.from([Buffer.alloc(4), Buffer.alloc(6)]), limit, drain);
    expect(limit.bytes).toBe(10);
    expect(seen).toEqual([4, 10]);
  });

  it('fails with 413 the moment the limit is passed, without waiting for the end', async () => {
    let produced = 0;
    const source = Readable.from((function* () {
      for (;;) {
        produced += 1;
        yield Buffer.alloc(4);
      }
    })());
    const error = await pipeline(source, new ByteLimit(10), drain).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(produced).toBeLessThan(10);
  });
});

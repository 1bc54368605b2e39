/**
 * A web ReadableStream that reads its source only when the consumer pulls: one chunk in flight,
 * so a test can send a 256 MiB upload through fetch without generating it all first
 * (Readable.toWeb reads ahead without bound when the consumer is slower than the source).
 */
export function pullStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 1 },
  );
}

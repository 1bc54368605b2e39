/**
 * A web ReadableStream that reads its source only when the consumer pulls: one chunk in flight.
 * Readable.toWeb reads ahead without bound when the consumer is slower than the source, which
 * for a large upload means the whole file in memory.
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

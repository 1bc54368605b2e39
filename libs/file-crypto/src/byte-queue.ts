/**
 * FIFO of incoming buffers from which fixed-size pieces are taken, so a chunk can be assembled
 * from many small writes without re-concatenating everything buffered on every write.
 */
export class ByteQueue {
  #buffers: Buffer[] = [];
  #offset = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(buffer: Buffer): void {
    if (buffer.length === 0) return;
    this.#buffers.push(buffer);
    this.#length += buffer.length;
  }

  /** Removes and returns the first `count` bytes (count ≤ length); zero-copy when they lie in one buffer. */
  take(count: number): Buffer {
    if (count > this.#length) throw new RangeError(`cannot take ${count} of ${this.#length} bytes`);
    const first = this.#buffers[0];
    if (first !== undefined && first.length - this.#offset >= count) {
      const piece = first.subarray(this.#offset, this.#offset + count);
      this.#advance(count);
      return piece;
    }
    const piece = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const head = this.#buffers[0];
      if (head === undefined) throw new Error('ByteQueue length out of sync');
      const n = Math.min(count - filled, head.length - this.#offset);
      head.copy(piece, filled, this.#offset, this.#offset + n);
      filled += n;
      this.#advance(n);
    }
    return piece;
  }

  #advance(count: number): void {
    this.#offset += count;
    this.#length -= count;
    const head = this.#buffers[0];
    if (head !== undefined && this.#offset === head.length) {
      this.#buffers.shift();
      this.#offset = 0;
    }
  }
}

import { Transform, type TransformCallback } from 'node:stream';
import type { ByteWindow } from './byte-range.ts';

/**
 * Passes on only the bytes of `window` from the whole plaintext it reads, and always holds the
 * last of them back until the source has ended and `beforeLastBytes` has resolved: the plaintext
 * hash is checked and the download recorded there, so a client never holds the complete file
 * (or the complete range) unless both succeeded. `sent` counts what was passed on.
 */
export class ServedWindow extends Transform {
  sent = 0;
  private position = 0;
  private held: Buffer | undefined;

  constructor(
    private readonly window: ByteWindow,
    private readonly beforeLastBytes: () => Promise<void>,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const from = Math.max(this.window.start - this.position, 0);
    const to = Math.min(this.window.end + 1 - this.position, chunk.length);
    this.position += chunk.length;
    if (to > from) {
      this.release();
      this.held = chunk.subarray(from, to);
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.beforeLastBytes().then(
      () => {
        this.release();
        callback();
      },
      (error: unknown) => callback(error as Error),
    );
  }

  private release(): void {
    if (!this.held) return;
    this.sent += this.held.length;
    this.push(this.held);
    this.held = undefined;
  }
}

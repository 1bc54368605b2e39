import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ServedWindow } from './served-window.ts';

const source = () => Readable.from([Buffer.from('0123'), Buffer.from('4567'), Buffer.from('89')]);

async function serve(window: { start: number; end: number }, beforeLastBytes: () => Promise<void> = async () => undefined) {
  const out: Buffer[] = [];
  const served = new ServedWindow(window, beforeLastBytes);
  served.on('data', (chunk: Buffer) => out.push(chunk));
  await pipeline(source(), served);
  return { text: Buffer.concat(out).toString(), sent: served.sent };
}

describe('ServedWindow', () => {
  it('serves exactly the window, across chunk boundaries', async () => {
    expect(await serve({ start: 0, end: 9 })).toEqual({ text: '0123456789', sent: 10 });
    expect(await serve({ start: 3, end: 6 })).toEqual({ text: '3456', sent: 4 });
    expect(await serve({ start: 8, end: 9 })).toEqual({ text: '89', sent: 2 });
  });

  it('holds the last bytes until the end check passed', async () => {
    const seenBeforeCheck: string[] = [];
    const out: Buffer[] = [];
    const served = new ServedWindow({ start: 0, end: 9 }, async () => {
      seenBeforeCheck.push(Buffer.concat(out).toString());
    });
    served.on('data', (chunk: Buffer) => out.push(chunk));
    await pipeline(source(), served);
    expect(seenBeforeCheck).toEqual(['01234567']);
  });

  it('never lets the last bytes out when the end check fails', async () => {
    const out: Buffer[] = [];
    const served = new ServedWindow({ start: 0, end: 9 }, async () => {
      throw new Error('hash mismatch');
    });
    served.on('data', (chunk: Buffer) => out.push(chunk));
    await expect(pipeline(source(), served)).rejects.toThrow('hash mismatch');
    expect(Buffer.concat(out).toString()).toBe('01234567');
    expect(served.sent).toBe(8);
  });
});

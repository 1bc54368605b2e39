import { describe, expect, it } from 'vitest';
import { formatBytes, formatSeconds, ProgressBar, progressMeter, silentProgress } from './progress.ts';
import { captureOutput } from './test-support/fake-gateway.ts';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const MiB = 1024 * 1024;

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, tick: (ms: number) => (now += ms) };
}

describe('formatBytes / formatSeconds', () => {
  it('uses binary units with one decimal (two for GiB under 10)', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12.34 * MiB)).toBe('12.3 MiB');
    expect(formatBytes(1.25 * 1024 * MiB)).toBe('1.25 GiB');
    expect(formatBytes(42 * 1024 * MiB)).toBe('42.0 GiB');
    expect(formatSeconds(3.21)).toBe('3.2 s');
    expect(formatSeconds(42)).toBe('42 s');
    expect(formatSeconds(125)).toBe('2 min 5 s');
    expect(formatSeconds(7260)).toBe('2 h 1 min');
  });
});

describe('ProgressBar on a terminal', () => {
  it('redraws one line in place with percentage, bytes, rate and ETA, at most every 100 ms', () => {
    const out = captureOutput(true, 100);
    const time = clock();
    const bar = new ProgressBar(out, 'downloading', { now: time.now });
    bar.start(100 * MiB);
    time.tick(1000);
    bar.advance(25 * MiB);
    const draw = out.text.split('\r').at(-1) ?? '';
    expect(draw.endsWith('\x1b[K')).toBe(true);
    expect(draw.replace('\x1b[K', '')).toMatch(/^downloading {2}25% \[#+-+\] 25\.0 MiB \/ 100\.0 MiB {2}25\.0 MiB\/s {2}ETA 3\.0 s$/);
    expect(draw.length - '\x1b[K'.length).toBeLessThan(100);

    const before = out.text;
    time.tick(50);
    bar.advance(MiB);
    expect(out.text).toBe(before);
    time.tick(50);
    bar.advance(MiB);
    expect(out.text).not.toBe(before);
    expect(out.text).not.toContain('\n');
  });

  it('drops the bar on a narrow terminal rather than wrapping', () => {
    const out = captureOutput(true, 40);
    const time = clock();
    const bar = new ProgressBar(out, 'downloading', { now: time.now });
    bar.start(100 * MiB);
    time.tick(1000);
    bar.advance(50 * MiB);
    const draw = (out.text.split('\r').at(-1) ?? '').replace('\x1b[K', '');
    expect(draw).not.toContain('[');
    expect(draw.length).toBeLessThanOrEqual(39);
  });

  it('clears its line when stopped, so an error starts on a clean line', () => {
    const out = captureOutput(true);
    const bar = new ProgressBar(out, 'downloading');
    bar.start(10);
    bar.stop();
    expect(out.text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('without a total shows bytes and rate only', () => {
    const out = captureOutput(true);
    const time = clock();
    const bar = new ProgressBar(out, 'downloading', { now: time.now });
    bar.start(undefined);
    time.tick(2000);
    bar.advance(4 * MiB);
    expect(out.text.split('\r').at(-1)).toBe('downloading 4.0 MiB  2.0 MiB/s\x1b[K');
  });
});

describe('ProgressBar in a log', () => {
  it('writes a line every few seconds and a summary at the end, without control characters', () => {
    const out = captureOutput(false);
    const time = clock();
    const bar = new ProgressBar(out, 'downloading', { now: time.now, lineIntervalMs: 5000 });
    bar.start(40 * MiB);
    for (let second = 0; second < 8; second += 1) {
      time.tick(1000);
      bar.advance(5 * MiB);
    }
    bar.finish();
    expect(out.text).toBe(
      ['downloading: 40.0 MiB', 'downloading: 25.0 MiB / 40.0 MiB (62%), 5.0 MiB/s', 'downloading: 40.0 MiB in 8.0 s (5.0 MiB/s)', ''].join('\n'),
    );
  });

  it('measures the rate over the last seconds, so a stall shows', () => {
    const out = captureOutput(false);
    const time = clock();
    const bar = new ProgressBar(out, 'downloading', { now: time.now, lineIntervalMs: 5_000 });
    bar.start(undefined);
    for (let step = 0; step < 40; step += 1) {
      time.tick(250);
      bar.advance(10 * MiB);
    }
    // 10 s at 40 MiB/s, then a trickle
    for (let step = 0; step < 20; step += 1) {
      time.tick(250);
      bar.advance(1024);
    }
    const lines = out.text.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('downloading: 400.0 MiB, 40.0 MiB/s');
    expect(lines.at(-1)).toMatch(/^downloading: 400\.0 MiB, \d+\.\d KiB\/s$/);
  });
});

describe('progressMeter', () => {
  it('passes bytes through unchanged and reports each chunk', async () => {
    const seen: number[] = [];
    const received: Buffer[] = [];
    const reporter = { ...silentProgress, advance: (n: number) => seen.push(n) };
    await pipeline(
      Readable.from([Buffer.from('abc'), Buffer.from('defgh')]),
      progressMeter(reporter),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          received.push(chunk);
          callback();
        },
      }),
    );
    expect(seen).toEqual([3, 5]);
    expect(Buffer.concat(received).toString()).toBe('abcdefgh');
  });
});

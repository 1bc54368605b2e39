import { Transform, type TransformCallback } from 'node:stream';
import type { Output } from './io.ts';

/** What the decrypt pipeline tells about its progress; `silentProgress` for --quiet. */
export interface ProgressReporter {
  start(totalBytes: number | undefined): void;
  advance(bytes: number): void;
  /** the transfer completed: a last line with size, time and rate */
  finish(): void;
  /** the transfer failed: the bar is removed so the error message starts on a clean line */
  stop(): void;
}

const nothing = (): void => undefined;
export const silentProgress: ProgressReporter = { start: nothing, advance: nothing, finish: nothing, stop: nothing };

export interface ProgressBarOptions {
  now?: () => number;
  /** redraw interval on a terminal */
  ttyIntervalMs?: number;
  /** line interval otherwise (CI logs, files) */
  lineIntervalMs?: number;
}

const RATE_WINDOW_MS = 3_000;
const RATE_SAMPLE_MS = 250;
const MAX_BAR_WIDTH = 30;
const MIN_BAR_WIDTH = 10;

/**
 * Bytes done (of the total when known), percentage and rate. On a TTY one line redrawn in place;
 * otherwise a plain line every few seconds, so logs show progress without a flood of carriage returns.
 */
export class ProgressBar implements ProgressReporter {
  readonly #out: Output;
  readonly #label: string;
  readonly #now: () => number;
  readonly #interval: number;
  readonly #tty: boolean;
  #total: number | undefined;
  #done = 0;
  #started = 0;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #drawn = false;
  #samples: Array<{ at: number; bytes: number }> = [];

  constructor(out: Output, label: string, options: ProgressBarOptions = {}) {
    this.#out = out;
    this.#label = label;
    this.#now = options.now ?? Date.now;
    this.#tty = out.isTTY === true;
    this.#interval = this.#tty ? (options.ttyIntervalMs ?? 100) : (options.lineIntervalMs ?? 5_000);
  }

  start(totalBytes: number | undefined): void {
    this.#total = totalBytes;
    this.#started = this.#now();
    this.#samples = [{ at: this.#started, bytes: 0 }];
    if (this.#tty) this.#draw(this.#started);
    else this.#out.write(`${this.#label}: ${totalBytes === undefined ? 'size unknown' : formatBytes(totalBytes)}\n`);
    this.#lastDraw = this.#started;
  }

  advance(bytes: number): void {
    this.#done += bytes;
    const now = this.#now();
    // a few samples per second are enough for the rate, however many chunks arrive
    const last = this.#samples[this.#samples.length - 1];
    if (last === undefined || now - last.at >= RATE_SAMPLE_MS) {
      this.#samples.push({ at: now, bytes: this.#done });
      while (this.#samples.length > 2 && (this.#samples[0]?.at ?? now) < now - RATE_WINDOW_MS) this.#samples.shift();
    }
    if (now - this.#lastDraw >= this.#interval) {
      this.#lastDraw = now;
      this.#draw(now);
    }
  }

  finish(): void {
    const seconds = Math.max(this.#now() - this.#started, 1) / 1000;
    this.#clear();
    this.#out.write(`${this.#label}: ${formatBytes(this.#done)} in ${formatSeconds(seconds)} (${formatBytes(this.#done / seconds)}/s)\n`);
  }

  stop(): void {
    this.#clear();
  }

  /** current rate over the last few seconds, bytes per second */
  #rate(now: number): number {
    const oldest = this.#samples[0];
    if (oldest === undefined || now - oldest.at <= 0) return 0;
    return ((this.#done - oldest.bytes) * 1000) / (now - oldest.at);
  }

  #draw(now: number): void {
    const rate = this.#rate(now);
    const total = this.#total;
    const amount = total === undefined ? formatBytes(this.#done) : `${formatBytes(this.#done)} / ${formatBytes(total)}`;
    const speed = `${formatBytes(rate)}/s`;
    if (!this.#tty) {
      const percent = total === undefined || total === 0 ? '' : ` (${Math.floor((Math.min(this.#done, total) * 100) / total)}%)`;
      this.#out.write(`${this.#label}: ${amount}${percent}, ${speed}\n`);
      return;
    }
    let line: string;
    if (total === undefined || total === 0) {
      line = `${this.#label} ${amount}  ${speed}`;
    } else {
      const fraction = Math.min(this.#done / total, 1);
      const eta = rate > 0 && this.#done < total ? `  ETA ${formatSeconds((total - this.#done) / rate)}` : '';
      const text = [`${this.#label} ${`${Math.floor(fraction * 100)}%`.padStart(4)} `, ` ${amount}  ${speed}${eta}`] as const;
      const columns = this.#out.columns ?? 80;
      const width = Math.min(MAX_BAR_WIDTH, columns - 1 - text[0].length - text[1].length - 2);
      line = width >= MIN_BAR_WIDTH ? `${text[0]}[${bar(fraction, width)}]${text[1]}` : `${text[0]}${text[1]}`;
    }
    // never wider than the terminal: a wrapped line cannot be redrawn with \r
    this.#out.write(`\r${line.slice(0, Math.max((this.#out.columns ?? 80) - 1, 1))}\x1b[K`);
    this.#drawn = true;
  }

  #clear(): void {
    if (this.#tty && this.#drawn) this.#out.write('\r\x1b[K');
    this.#drawn = false;
  }
}

function bar(fraction: number, width: number): string {
  const filled = Math.round(fraction * width);
  return '#'.repeat(filled) + '-'.repeat(width - filled);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 512 B, 1.5 KiB, 12.3 MiB, 1.25 GiB */
export function formatBytes(bytes: number): string {
  let value = Math.max(bytes, 0);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value.toFixed(value < 10 && unit >= 3 ? 2 : 1)} ${UNITS[unit]}`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.floor(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A pass-through that reports every chunk's size. */
export function progressMeter(reporter: ProgressReporter): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      reporter.advance(chunk.length);
      callback(null, chunk);
    },
  });
}

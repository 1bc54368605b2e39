import { Injectable } from '@nestjs/common';

/** Bytes that crossed the entry for uploads and downloads since start: the ops dashboard turns them into rates. */
@Injectable()
export class ThroughputMeter {
  readonly totals = { upload: 0, download: 0 };
  /** transfers streaming through the entry right now */
  readonly active = { upload: 0, download: 0 };

  add(kind: 'upload' | 'download', bytes: number): void {
    this.totals[kind] += bytes;
  }
}

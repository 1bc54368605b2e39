import { Injectable } from '@nestjs/common';

export interface RecentError {
  at: string;
  source: string;
  message: string;
}

const KEEP = 50;

/** The last server-side failures the entry saw (5xx answers, unreachable services), newest first. */
@Injectable()
export class RecentErrors {
  private readonly entries: RecentError[] = [];

  record(source: string, message: string): void {
    this.entries.unshift({ at: new Date().toISOString(), source, message: message.slice(0, 300) });
    this.entries.length = Math.min(this.entries.length, KEEP);
  }

  list(): RecentError[] {
    return [...this.entries];
  }
}

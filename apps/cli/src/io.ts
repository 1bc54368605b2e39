/** Where a command writes; `process.stdout`/`process.stderr` in main.ts, string sinks in the specs. */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  /** aborted on Ctrl-C: the download stops and the temporary file is removed */
  signal?: AbortSignal;
  /** milliseconds; injectable so the progress bar can be tested */
  now?: () => number;
}

/**
 * An error the user can act on: its message is printed as one line after `gridledger: `.
 * Messages name files, URLs and CIDs, never key material or file contents.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(message: string, options?: ErrorOptions & { exitCode?: number }) {
    super(message, options);
    this.exitCode = options?.exitCode ?? 1;
  }
}

/** Bad command line: printed with the usage text, exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
  }
}

/** The short reason of a Node system error (`ENOENT: no such file or directory`), without the path it repeats. */
export function systemErrorReason(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    if (code === 'ENOTDIR') return 'not a directory';
    if (code === 'ENOSPC') return 'no space left on device';
    if (code === 'EEXIST') return 'already exists';
    if (typeof code === 'string') return code;
    if (typeof message === 'string') return message;
  }
  return String(error);
}

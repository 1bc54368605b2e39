/**
 * An error the stack command reports as one line and a non-zero exit, never as a stack trace:
 * what went wrong and what to do about it. `detail` (command output) goes to the log hint only.
 */
export class StackError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'StackError';
    this.hint = hint;
  }
}

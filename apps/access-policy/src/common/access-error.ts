/** A refusal with a machine-readable code and the HTTP status it becomes at the edge. */
export class AccessError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'AccessError';
    this.code = code;
    this.status = status;
  }
}

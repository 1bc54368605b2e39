/**
 * A refusal with a machine-readable code and the HTTP status it becomes at a service's edge.
 * Every service's own refusals extend it, so the one exception filter (libs/nest-service) answers
 * them all the same way without knowing each service's classes.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

import { ApiError } from '@gridledger/api-errors';

/** A refusal with a machine-readable code and the HTTP status it becomes at the edge. */
export class AccessError extends ApiError {}

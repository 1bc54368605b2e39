import { codeOfStatus } from './error-codes.ts';

/** The one error shape every service answers with. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

/**
 * The body for an error the framework raised itself (a body that is not JSON, a body over the
 * limit, an unknown route): the same shape and codes as the services' own refusals. `response` is
 * what Nest's HttpException#getResponse() gives.
 */
export function frameworkErrorBody(status: number, response: unknown): ErrorBody {
  // a body that already has the shape (a service's own HttpException) keeps its code
  if (typeof response === 'object' && response !== null && typeof (response as { code?: unknown }).code === 'string' && typeof (response as { message?: unknown }).message === 'string') {
    const { code, message } = response as { code: string; message: string };
    return { statusCode: status, code, message };
  }
  const said = typeof response === 'object' && response !== null && 'message' in response ? (response as { message: unknown }).message : response;
  const message = Array.isArray(said) ? said.join('; ') : String(said ?? '');
  // body-parser's refusal of malformed JSON arrives as a 400 whose sentence is the JSON parser's
  if (status === 400 && /JSON/.test(message)) return { statusCode: 400, code: 'INVALID_JSON', message: `the body is not valid JSON: ${message}` };
  if (status === 413) return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the body is larger than this endpoint takes' };
  return { statusCode: status, code: codeOfStatus(status), message };
}

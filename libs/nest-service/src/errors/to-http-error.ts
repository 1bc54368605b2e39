import { ApiError, frameworkErrorBody, refusal, type ErrorTranslator, type HttpError } from '@gridledger/api-errors';
import { HttpException } from '@nestjs/common';
import { databaseOutageBody } from './database-outage.ts';

/**
 * What a caller sees for an error, the same in every service: `{ statusCode, code, message }`.
 * The service's own translators have the first say (they know their own errors best); a
 * refusal (an ApiError, or Nest's own exceptions) keeps its code and sentence; the service's
 * database out of reach is a 503 to retry; anything else is a 500 whose details stay in the log, as they may name hosts, files or keys.
 */
export function toHttpError(error: unknown, service: string, translators: readonly ErrorTranslator[] = []): HttpError {
  for (const translate of translators) {
    const translated = translate(error);
    if (translated) return translated;
  }
  if (error instanceof ApiError) return refusal(error.status, error.code, error.message);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    // a body a controller chose on purpose (health's { status: 'down' … }) goes out as it is
    if (typeof body === 'object' && body !== null && !('message' in body)) return { status, body: body as Record<string, unknown> };
    const { code, message } = frameworkErrorBody(status, body);
    return refusal(status, code, message);
  }
  const outage = databaseOutageBody(error, service);
  if (outage) return { status: 503, body: { ...outage }, log: 'warn' };
  return refusal(500, 'INTERNAL', `the ${service} service failed; the error is logged`, 'error');
}

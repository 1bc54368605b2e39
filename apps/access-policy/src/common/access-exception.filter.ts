import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { LedgerAnswerTimeoutError, LedgerRefusalError, LedgerUnavailableError } from '@gridledger/ledger-client';
import { frameworkErrorBody } from '@gridledger/api-errors';
import { databaseOutageBody } from '@gridledger/nest-service';
import type { Response } from 'express';
import { AccessError } from './access-error.ts';

export interface HttpError {
  status: number;
  body: Record<string, unknown>;
  log?: 'warn' | 'error';
}

const refusal = (status: number, code: string, message: string): HttpError => ({ status, body: { statusCode: status, code, message } });

/** Refusals keep their code and sentence; an unreachable ledger is a 503; the rest a 500 whose details stay in the log. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof AccessError) return refusal(error.status, error.code, error.message);
  // a 401 from the ledger is this service's credential, not the caller's: a bad gateway
  if (error instanceof LedgerRefusalError) return refusal(error.status === 401 ? 502 : error.status, error.code, error.message);
  if (error instanceof LedgerAnswerTimeoutError) return { ...refusal(504, 'LEDGER_TIMEOUT', error.message), log: 'warn' };
  if (error instanceof LedgerUnavailableError) return { ...refusal(503, 'UNAVAILABLE', error.message), log: 'warn' };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'object' && body !== null && !('message' in body)) return { status, body: body as Record<string, unknown> };
    const { code, message } = frameworkErrorBody(status, body);
    return refusal(status, code, message);
  }
  const outage = databaseOutageBody(error, 'access-policy');
  if (outage) return { status: 503, body: { ...outage }, log: 'warn' };
  return { ...refusal(500, 'INTERNAL', 'the access-policy service failed; the error is logged'), log: 'error' };
}

@Catch()
export class AccessExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, log } = toHttpError(error);
    const described = error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
    if (log === 'error') this.logger.error(described, error instanceof Error ? error.stack : undefined);
    else if (log === 'warn') this.logger.warn(described);
    // the rest of an oversize body is never read: close the connection rather than leave it half-read for the next request
    if (status === 413) response.setHeader('connection', 'close');
    response.status(status).json(body);
  }
}

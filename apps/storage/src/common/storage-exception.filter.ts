import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { LedgerAnswerTimeoutError, LedgerRefusalError, LedgerUnavailableError } from '@gridledger/ledger-client';
import { frameworkErrorBody } from '@gridledger/api-errors';
import { databaseOutageBody } from '@gridledger/nest-service';
import type { Response } from 'express';
import { TooManyRequestsError } from '../limits/request-limits.ts';
import { DependencyUnavailableError, StorageError } from './storage-error.ts';

export interface HttpError {
  status: number;
  body: Record<string, unknown>;
  log?: 'warn' | 'error';
}

/** Refusals keep their code and sentence; an unreachable collaborator is a 503; the rest a 500 whose details stay in the log. */
export function toHttpError(error: unknown): HttpError {
  const refusal = (status: number, code: string, message: string): HttpError => ({ status, body: { statusCode: status, code, message } });
  if (error instanceof StorageError) return refusal(error.status, error.code, error.message);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'object' && body !== null && !('message' in body)) return { status, body: body as Record<string, unknown> };
    const { code, message } = frameworkErrorBody(status, body);
    return refusal(status, code, message);
  }
  // the chain's refusal passes on with its code; a 401 there is this service's credential, so a bad gateway
  if (error instanceof LedgerRefusalError) return refusal(error.status === 401 ? 502 : error.status, error.code, error.message);
  if (error instanceof LedgerAnswerTimeoutError) return { ...refusal(504, 'LEDGER_TIMEOUT', error.message), log: 'warn' };
  if (error instanceof DependencyUnavailableError || error instanceof LedgerUnavailableError) return { ...refusal(503, 'UNAVAILABLE', error.message), log: 'warn' };
  const outage = databaseOutageBody(error, 'storage');
  if (outage) return { status: 503, body: { ...outage }, log: 'warn' };
  return { ...refusal(500, 'INTERNAL', 'the storage service failed; the error is logged'), log: 'error' };
}

@Catch()
export class StorageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, log } = toHttpError(error);
    const described = error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
    if (log === 'error') this.logger.error(described, error instanceof Error ? error.stack : undefined);
    else if (log === 'warn') this.logger.warn(described);
    // a streamed response that already started cannot change its status: cut it, so the client sees a failure
    if (response.headersSent) {
      response.destroy();
      return;
    }
    // over a limit, the client is told when to come back
    if (error instanceof TooManyRequestsError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response.status(status).json(body);
  }
}

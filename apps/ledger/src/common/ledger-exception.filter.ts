import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { frameworkErrorBody, statusOf } from '@gridledger/api-errors';
import { databaseOutageBody } from '@gridledger/nest-service';
import type { Response } from 'express';
import { chaincodeRefusal, isTransient } from '../fabric/fabric-errors.ts';
import { IdentityUnavailableError } from '../signing/identity-client.ts';
import { LedgerError } from './ledger-error.ts';

export interface HttpError {
  status: number;
  body: Record<string, unknown>;
  /** how loudly the filter logs it: expected refusals are not logged at all */
  log?: 'warn' | 'error';
}

const refusal = (status: number, code: string, message: string): HttpError => ({ status, body: { statusCode: status, code, message } });

/**
 * What a caller sees for an error. Refusals (ours, the identity service's, the chaincode's) keep
 * their code and sentence; unreachable peers or identity service are a 503 to retry; anything
 * else is a 500 whose details stay in the log, as they may name hosts, files or keys.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof LedgerError) return refusal(error.status, error.code, error.message);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    // a body a controller chose on purpose (health's { status: 'down' … }) goes out as it is
    if (typeof body === 'object' && body !== null && !('message' in body)) return { status, body: body as Record<string, unknown> };
    const { code, message } = frameworkErrorBody(status, body);
    return refusal(status, code, message);
  }
  const said = chaincodeRefusal(error);
  if (said) return refusal(statusOf(said.code), said.code, said.message);
  if (error instanceof IdentityUnavailableError || isTransient(error)) {
    return { ...refusal(503, 'UNAVAILABLE', 'the ledger network or the identity service cannot be reached at the moment; try again shortly'), log: 'warn' };
  }
  const outage = databaseOutageBody(error, 'ledger');
  if (outage) return { status: 503, body: { ...outage }, log: 'warn' };
  return { ...refusal(500, 'INTERNAL', 'the ledger service failed; the error is logged'), log: 'error' };
}

/** The one place errors become HTTP: `{ statusCode, code, message }`. */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
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

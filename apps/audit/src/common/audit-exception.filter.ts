import { frameworkErrorBody, type ErrorBody } from '@gridledger/api-errors';
import { databaseOutageBody } from '@gridledger/nest-service';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

/** What a caller sees for an error: `{ statusCode, code, message }`; an unexpected failure is a 500 whose details stay in the log. */
export function toErrorBody(error: unknown): ErrorBody | Record<string, unknown> {
  if (error instanceof HttpException) {
    const body = error.getResponse();
    // a body a controller chose on purpose (health's { status: 'down' … }) goes out as it is
    if (typeof body === 'object' && body !== null && !('message' in body)) return body as Record<string, unknown>;
    return frameworkErrorBody(error.getStatus(), body);
  }
  return databaseOutageBody(error, 'audit') ?? { statusCode: 500, code: 'INTERNAL', message: 'the audit service failed; the error is logged' };
}

@Catch()
export class AuditExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(error);
    const status = error instanceof HttpException ? error.getStatus() : Number(body['statusCode']);
    if (status === 500) this.logger.error(error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown', error instanceof Error ? error.stack : undefined);
    // the rest of an oversize body is never read: close the connection rather than leave it half-read for the next request
    if (status === 413) response.setHeader('connection', 'close');
    response.status(status).json(body);
  }
}

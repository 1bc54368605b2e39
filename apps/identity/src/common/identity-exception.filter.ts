import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { frameworkErrorBody } from '@gridledger/api-errors';
import { databaseOutageBody } from '@gridledger/nest-service';
import type { Response } from 'express';
import { IdentityError } from './identity-error.ts';

/**
 * The one place errors become HTTP: `{ statusCode, code, message }`. Domain errors keep their
 * code and sentence; anything unexpected is a 500 whose details stay in the log.
 */
@Catch()
export class IdentityExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof IdentityError) {
      response.status(error.status).json({ statusCode: error.status, code: error.code, message: error.message });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      // the rest of an oversize body is never read: close the connection rather than leave it half-read for the next request
      if (status === 413) response.setHeader('connection', 'close');
      response.status(status).json(frameworkErrorBody(status, body));
      return;
    }
    const outage = databaseOutageBody(error, 'identity');
    if (outage) {
      this.logger.warn(error instanceof Error ? `${error.name}: ${error.message}` : 'database out of reach');
      response.status(503).json(outage);
      return;
    }
    this.logger.error(error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown');
    response.status(500).json({ statusCode: 500, code: 'INTERNAL', message: 'the identity service failed; the error is logged' });
  }
}

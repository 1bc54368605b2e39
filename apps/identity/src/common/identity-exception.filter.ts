import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { IdentityError } from './identity-error.ts';

const CODE_BY_STATUS: Record<number, string> = { 400: 'INVALID_INPUT', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 503: 'UNAVAILABLE' };

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
      const message = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : error.message;
      response.status(status).json({ statusCode: status, code: CODE_BY_STATUS[status] ?? 'HTTP_ERROR', message });
      return;
    }
    this.logger.error(error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown');
    response.status(500).json({ statusCode: 500, code: 'INTERNAL', message: 'the identity service failed; the error is logged' });
  }
}

import type { ErrorTranslator } from '@gridledger/api-errors';
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { toHttpError } from './to-http-error.ts';

/** The one place a service's errors become HTTP answers; each service names only its own translators. */
@Catch()
export class ServiceExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly service: string,
    private readonly translators: readonly ErrorTranslator[] = [],
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, log, headers } = toHttpError(error, this.service, this.translators);
    const described = error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
    if (log === 'error') this.logger.error(described, error instanceof Error ? error.stack : undefined);
    else if (log === 'warn') this.logger.warn(described);
    // a streamed answer that already started cannot change its status: cut it, so the client sees a failure
    if (response.headersSent) {
      response.destroy();
      return;
    }
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    // the rest of an oversize body is never read: close the connection rather than leave it half-read for the next request
    if (status === 413) response.setHeader('connection', 'close');
    response.status(status).json(body);
  }
}

import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands a handler's error to the consumer as it was thrown. Nest's default filter for message
 * handlers turns every error into "Internal server error" and logs it, which would hide what the
 * retries and the dead letter must say, and log each retry as a failure.
 */
@Catch()
export class InboxErrorsAsThrown implements RpcExceptionFilter {
  catch(error: unknown): Observable<never> {
    return throwError(() => error);
  }
}

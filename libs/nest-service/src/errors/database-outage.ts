import type { ErrorBody } from '@gridledger/api-errors';
import { isDatabaseUnreachable } from '@gridledger/messaging';

/**
 * The answer to an error that says the service's own database is out of reach for a moment
 * (PostgreSQL down, restarting or starting up): 503 UNAVAILABLE, which clients try again, rather
 * than a 500 that reads as a final failure. The transaction the request was in did not commit.
 */
export function databaseOutageBody(error: unknown, service: string): ErrorBody | undefined {
  if (!isDatabaseUnreachable(error)) return undefined;
  return { statusCode: 503, code: 'UNAVAILABLE', message: `the ${service} service's database is out of reach for a moment; try again shortly` };
}

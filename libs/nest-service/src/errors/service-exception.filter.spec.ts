import { ApiError, refusal, type ErrorTranslator } from '@gridledger/api-errors';
import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException, ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ServiceExceptionFilter } from './service-exception.filter.ts';
import { toHttpError } from './to-http-error.ts';

class ShelfEmptyError extends Error {}
const shelfErrors: ErrorTranslator = (error) => (error instanceof ShelfEmptyError ? refusal(503, 'UNAVAILABLE', 'the shelf is empty for a moment', 'warn') : undefined);

describe('toHttpError', () => {
  it("keeps an ApiError's status, code and sentence", () => {
    expect(toHttpError(new ApiError('NOT_FOUND', 'no request r1 of yours', 404), 'access-policy')).toEqual({ status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'no request r1 of yours' } });
    class SubclassError extends ApiError {}
    expect(toHttpError(new SubclassError('USER_SUSPENDED', 'the user is suspended', 422), 'ledger').body).toEqual({ statusCode: 422, code: 'USER_SUSPENDED', message: 'the user is suspended' });
  });

  it("gives Nest's own exceptions the same shape, and leaves a body chosen on purpose as it is", () => {
    expect(toHttpError(new NotFoundException('Cannot GET /nowhere'), 'ledger').body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /nowhere' });
    expect(toHttpError(new HttpException({ statusCode: 403, code: 'FORBIDDEN', message: 'regulators only' }, 403), 'audit').body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'regulators only' });
    expect(toHttpError(new BadRequestException("Unexpected token 'n', \"not json\" is not valid JSON"), 'audit').body).toMatchObject({ statusCode: 400, code: 'INVALID_JSON' });
    expect(toHttpError(new PayloadTooLargeException('request entity too large'), 'audit').body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toHttpError(new ServiceUnavailableException({ status: 'down', database: 'unreachable' }), 'ledger')).toEqual({ status: 503, body: { status: 'down', database: 'unreachable' } });
  });

  it("asks the service's translators first, and only about what they know", () => {
    expect(toHttpError(new ShelfEmptyError('db at 10.0.0.7'), 'storage', [shelfErrors])).toEqual({ status: 503, body: { statusCode: 503, code: 'UNAVAILABLE', message: 'the shelf is empty for a moment' }, log: 'warn' });
    expect(toHttpError(new ApiError('NOT_FOUND', 'no such asset', 404), 'storage', [shelfErrors]).status).toBe(404);
  });

  it("makes the service's database out of reach a 503 to retry", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:15432'), { code: 'ECONNREFUSED' });
    expect(toHttpError(refused, 'audit')).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE', message: expect.stringContaining("the audit service's database") }, log: 'warn' });
  });

  it('answers anything else with a generic 500 that carries neither the message nor the stack', () => {
    const internal = toHttpError(new Error('password authentication failed for postgresql://ap:s3cret@127.0.0.1'), 'access-policy');
    expect(internal).toEqual({ status: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'the access-policy service failed; the error is logged' }, log: 'error' });
    expect(JSON.stringify(internal.body)).not.toContain('s3cret');
    expect(toHttpError('a thrown string', 'ledger').status).toBe(500);
  });
});

function fakeResponse(headersSent = false) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string>; destroyed: boolean } = { headers: {}, destroyed: false };
  const response = {
    headersSent,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    destroy() {
      sent.destroyed = true;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { sent, host };
}

describe('ServiceExceptionFilter', () => {
  it('writes the mapped status, headers and body to the response', () => {
    const { sent, host } = fakeResponse();
    const limited: ErrorTranslator = () => ({ ...refusal(429, 'TOO_MANY_REQUESTS', 'slow down'), headers: { 'Retry-After': '3' } });
    new ServiceExceptionFilter('storage', [limited]).catch(new Error('over'), host);
    expect(sent).toMatchObject({ status: 429, body: { statusCode: 429, code: 'TOO_MANY_REQUESTS', message: 'slow down' }, headers: { 'Retry-After': '3' } });
  });

  it('closes the connection after a body over the limit, whose rest is never read', () => {
    const { sent, host } = fakeResponse();
    new ServiceExceptionFilter('audit').catch(new PayloadTooLargeException('request entity too large'), host);
    expect(sent).toMatchObject({ status: 413, headers: { connection: 'close' } });
  });

  it('cuts an answer that already started streaming rather than append an error to it', () => {
    const { sent, host } = fakeResponse(true);
    new ServiceExceptionFilter('storage').catch(new Error('IPFS stopped mid-file'), host);
    expect(sent).toEqual({ headers: {}, destroyed: true });
  });
});

import { status as grpcStatus } from '@grpc/grpc-js';
import { NotFoundException, ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { IdentityUnavailableError } from '../signing/identity-client.ts';
import { LedgerError } from './ledger-error.ts';
import { LedgerExceptionFilter, toHttpError } from './ledger-exception.filter.ts';

/** An evaluate failure as the gateway reports it: the peer's message in the details. */
const gatewayError = (code: number, peerMessage?: string) =>
  new GatewayError({
    code,
    details: peerMessage ? [{ address: 'peer0.grid:7051', mspId: 'GridMSP', message: peerMessage }] : [],
    cause: Object.assign(new Error('grpc'), { code, details: peerMessage ?? '', metadata: undefined as never }),
    message: `${code} evaluate call to endorser returned error: ${peerMessage ?? ''}`,
  });

describe('toHttpError', () => {
  it('keeps a LedgerError’s status, code and sentence', () => {
    expect(toHttpError(new LedgerError('INVALID_ARGUMENT', 'assetId must be …', 400))).toEqual({ status: 400, body: { statusCode: 400, code: 'INVALID_ARGUMENT', message: 'assetId must be …' } });
    expect(toHttpError(new LedgerError('USER_SUSPENDED', 'the user is suspended', 422)).body).toEqual({ statusCode: 422, code: 'USER_SUSPENDED', message: 'the user is suspended' });
  });

  it.each([
    ['NOT_FOUND', 404],
    ['FORBIDDEN', 403],
    // one status per code across the platform (libs/api-errors)
    ['UNAUTHENTICATED', 401],
    ['POLICY_DENIED', 403],
    ['FROZEN', 403],
    ['INVALID_ARGUMENT', 400],
    ['FAILED_PRECONDITION', 409],
    ['ALREADY_EXISTS', 409],
    ['INSUFFICIENT_FUNDS', 402],
    ['A_CODE_THE_TABLE_DOES_NOT_KNOW', 422],
  ])("answers the chaincode's %s with %i and the chaincode's sentence", (code, status) => {
    const error = gatewayError(grpcStatus.ABORTED, `chaincode response 500, ${code}: asset a-1 says no`);
    expect(toHttpError(error)).toEqual({ status, body: { statusCode: status, code, message: 'asset a-1 says no' } });
  });

  it('answers an unreachable peer or identity service with 503 UNAVAILABLE, without its address', () => {
    for (const error of [gatewayError(grpcStatus.UNAVAILABLE), gatewayError(grpcStatus.DEADLINE_EXCEEDED), new IdentityUnavailableError('the identity service at http://10.0.0.7:13001 did not answer')]) {
      const mapped = toHttpError(error);
      expect(mapped).toMatchObject({ status: 503, body: { statusCode: 503, code: 'UNAVAILABLE' }, log: 'warn' });
      expect(JSON.stringify(mapped.body)).not.toMatch(/10\.0\.0\.7|peer0/);
    }
  });

  it('answers anything else with a generic 500 that carries neither the message nor the stack', () => {
    const mapped = toHttpError(new Error('ENOENT: /secrets/service-key.pem'));
    expect(mapped).toEqual({ status: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'the ledger service failed; the error is logged' }, log: 'error' });
    expect(toHttpError('a thrown string').status).toBe(500);
  });

  it("gives Nest's own exceptions the same shape, and leaves a body chosen on purpose as it is", () => {
    expect(toHttpError(new NotFoundException('Cannot GET /nowhere')).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /nowhere' });
    expect(toHttpError(new ServiceUnavailableException({ status: 'down', database: 'unreachable' }))).toEqual({ status: 503, body: { status: 'down', database: 'unreachable' } });
  });
});

describe('LedgerExceptionFilter', () => {
  it('writes the mapped status and body to the response', () => {
    const sent: { status?: number; body?: unknown } = {};
    const response = {
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: unknown) {
        sent.body = body;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    new LedgerExceptionFilter().catch(new LedgerError('UNAUTHENTICATED', 'no credential', 401), host);
    expect(sent).toEqual({ status: 401, body: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'no credential' } });
  });
});

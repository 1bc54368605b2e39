import { status as grpcStatus } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { IdentityUnavailableError } from '../signing/identity-client.ts';
import { LedgerError } from './ledger-error.ts';
import { ledgerHttpErrors } from './ledger-http-errors.ts';

/** An evaluate failure as the gateway reports it: the peer's message in the details. */
const gatewayError = (code: number, peerMessage?: string) =>
  new GatewayError({
    code,
    details: peerMessage ? [{ address: 'peer0.grid:7051', mspId: 'GridMSP', message: peerMessage }] : [],
    cause: Object.assign(new Error('grpc'), { code, details: peerMessage ?? '', metadata: undefined as never }),
    message: `${code} evaluate call to endorser returned error: ${peerMessage ?? ''}`,
  });

describe('ledgerHttpErrors', () => {
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
    expect(ledgerHttpErrors(error)).toEqual({ status, body: { statusCode: status, code, message: 'asset a-1 says no' } });
  });

  it('answers an unreachable peer or identity service with 503 UNAVAILABLE, without its address', () => {
    for (const error of [gatewayError(grpcStatus.UNAVAILABLE), gatewayError(grpcStatus.DEADLINE_EXCEEDED), new IdentityUnavailableError('the identity service at http://10.0.0.7:13001 did not answer')]) {
      const mapped = ledgerHttpErrors(error);
      expect(mapped).toMatchObject({ status: 503, body: { statusCode: 503, code: 'UNAVAILABLE' }, log: 'warn' });
      expect(JSON.stringify(mapped?.body)).not.toMatch(/10\.0\.0\.7|peer0/);
    }
  });

  it("leaves the ledger's own refusals and anything unknown to the shared filter", () => {
    expect(ledgerHttpErrors(new LedgerError('INVALID_COMMAND', 'no such command', 400))).toBeUndefined();
    expect(ledgerHttpErrors(new Error('ENOENT: /secrets/service-key.pem'))).toBeUndefined();
  });
});

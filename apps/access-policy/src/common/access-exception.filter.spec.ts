import { NotFoundException } from '@nestjs/common';
import { LedgerAnswerTimeoutError, LedgerRefusalError, LedgerUnavailableError } from '@gridledger/ledger-client';
import { describe, expect, it } from 'vitest';
import { AccessError } from './access-error.ts';
import { toHttpError } from './access-exception.filter.ts';

describe('toHttpError', () => {
  it("keeps a refusal's code, sentence and status, and the chain's", () => {
    expect(toHttpError(new AccessError('NOT_FOUND', 'no request r1 of yours', 404))).toEqual({ status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'no request r1 of yours' } });
    expect(toHttpError(new LedgerRefusalError('POLICY_DENIED', 'purpose billing is not allowed', 403))).toMatchObject({ status: 403, body: { code: 'POLICY_DENIED' } });
    expect(toHttpError(new LedgerRefusalError('UNAUTHENTICATED', 'service token', 401))).toMatchObject({ status: 502 });
    expect(toHttpError(new NotFoundException('no route'))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('makes a silent ledger a 504, an absent one a 503, and anything else a 500 without details', () => {
    expect(toHttpError(new LedgerAnswerTimeoutError('c1'))).toMatchObject({ status: 504, body: { code: 'LEDGER_TIMEOUT' } });
    expect(toHttpError(new LedgerUnavailableError('down'))).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' } });
    const internal = toHttpError(new Error('password authentication failed for postgresql://ap:s3cret@127.0.0.1'));
    expect(internal).toMatchObject({ status: 500, body: { code: 'INTERNAL' }, log: 'error' });
    expect(JSON.stringify(internal.body)).not.toContain('s3cret');
  });
});

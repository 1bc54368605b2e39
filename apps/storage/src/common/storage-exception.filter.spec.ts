import { NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { LedgerAnswerTimeoutError, LedgerRefusalError, LedgerUnavailableError } from '@gridledger/ledger-client';
import { DependencyUnavailableError, StorageError } from './storage-error.ts';
import { toHttpError } from './storage-exception.filter.ts';

describe('toHttpError', () => {
  it('keeps a refusal’s code, sentence and status', () => {
    expect(toHttpError(new StorageError('PAYLOAD_TOO_LARGE', 'too big', 413))).toEqual({ status: 413, body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'too big' } });
    expect(toHttpError(new NotFoundException('no route'))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('makes an unreachable collaborator a 503 and anything else a 500 without details', () => {
    expect(toHttpError(new DependencyUnavailableError('IPFS is down'))).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' }, log: 'warn' });
    const internal = toHttpError(new Error('connect ECONNREFUSED postgresql://storage:s3cret@127.0.0.1'));
    expect(internal).toMatchObject({ status: 500, body: { code: 'INTERNAL' }, log: 'error' });
    expect(JSON.stringify(internal.body)).not.toContain('s3cret');
  });

  it("passes the chain's refusal on, and makes the ledger's silence a 504 and its absence a 503", () => {
    expect(toHttpError(new LedgerRefusalError('POLICY_DENIED', 'purpose not allowed', 403))).toMatchObject({ status: 403, body: { code: 'POLICY_DENIED', message: 'purpose not allowed' } });
    expect(toHttpError(new LedgerRefusalError('UNAUTHENTICATED', 'bad service token', 401))).toMatchObject({ status: 502 });
    expect(toHttpError(new LedgerAnswerTimeoutError('c1'))).toMatchObject({ status: 504, body: { code: 'LEDGER_TIMEOUT' } });
    expect(toHttpError(new LedgerUnavailableError('down'))).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' } });
  });
});

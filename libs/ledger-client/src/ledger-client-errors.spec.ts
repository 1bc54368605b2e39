import { describe, expect, it } from 'vitest';
import { ledgerClientErrors } from './ledger-client-errors.ts';
import { LedgerAnswerTimeoutError } from './ledger-commands.ts';
import { LedgerRefusalError, LedgerUnavailableError } from './ledger-query-client.ts';

describe('ledgerClientErrors', () => {
  it("passes the chain's refusal on, but makes the caller's own credential refused a bad gateway", () => {
    expect(ledgerClientErrors(new LedgerRefusalError('POLICY_DENIED', 'purpose billing is not allowed', 403))).toEqual({ status: 403, body: { statusCode: 403, code: 'POLICY_DENIED', message: 'purpose billing is not allowed' } });
    expect(ledgerClientErrors(new LedgerRefusalError('UNAUTHENTICATED', 'service token', 401))).toMatchObject({ status: 502, body: { code: 'UNAUTHENTICATED' } });
  });

  it("makes the ledger's silence a 504 and its absence a 503, both logged as warnings", () => {
    expect(ledgerClientErrors(new LedgerAnswerTimeoutError('c1'))).toMatchObject({ status: 504, body: { code: 'LEDGER_TIMEOUT' }, log: 'warn' });
    expect(ledgerClientErrors(new LedgerUnavailableError('down'))).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' }, log: 'warn' });
  });

  it('leaves every other error alone', () => {
    expect(ledgerClientErrors(new Error('something else'))).toBeUndefined();
  });
});

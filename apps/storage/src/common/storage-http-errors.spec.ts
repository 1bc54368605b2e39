import { describe, expect, it } from 'vitest';
import { TooManyRequestsError } from '../limits/request-limits.ts';
import { DependencyUnavailableError, StorageError } from './storage-error.ts';
import { storageHttpErrors } from './storage-http-errors.ts';

describe('storageHttpErrors', () => {
  it('tells a client over a limit when to come back', () => {
    expect(storageHttpErrors(new TooManyRequestsError('3 uploads at once at most', 4))).toEqual({ status: 429, body: { statusCode: 429, code: 'TOO_MANY_REQUESTS', message: '3 uploads at once at most' }, headers: { 'Retry-After': '4' } });
  });

  it('makes an unreachable collaborator a 503 to retry', () => {
    expect(storageHttpErrors(new DependencyUnavailableError('IPFS is down'))).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' }, log: 'warn' });
  });

  it("leaves storage's plain refusals to the shared filter", () => {
    expect(storageHttpErrors(new StorageError('PAYLOAD_TOO_LARGE', 'too big', 413))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { codeOfStatus, ERROR_STATUS, statusOf } from './error-codes.ts';
import { frameworkErrorBody } from './http-error-body.ts';

describe('the code table', () => {
  it('gives each code one status', () => {
    expect(statusOf('INSUFFICIENT_FUNDS')).toBe(402);
    expect(statusOf('POLICY_DENIED')).toBe(403);
    expect(statusOf('INVALID_PUBLIC_KEY')).toBe(400);
    expect(statusOf('SOMETHING_NEW')).toBe(422);
  });

  it('maps every status it names back to a code of that status', () => {
    for (const status of [400, 401, 402, 403, 404, 409, 413, 415, 429, 502, 503, 504]) expect(ERROR_STATUS[codeOfStatus(status)]).toBe(status);
  });
});

describe('frameworkErrorBody', () => {
  it('answers malformed JSON and an oversize body with their own codes', () => {
    expect(frameworkErrorBody(400, { message: "Unexpected token 'o', \"not json\" is not valid JSON" })).toMatchObject({ statusCode: 400, code: 'INVALID_JSON' });
    expect(frameworkErrorBody(413, { message: 'request entity too large' })).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the body is larger than this endpoint takes' });
  });

  it('keeps the sentence and gives every other status a code', () => {
    expect(frameworkErrorBody(404, { message: 'Cannot GET /nowhere' })).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /nowhere' });
    expect(frameworkErrorBody(400, { message: ['a must be a string', 'b is required'] })).toEqual({ statusCode: 400, code: 'INVALID_ARGUMENT', message: 'a must be a string; b is required' });
  });
});

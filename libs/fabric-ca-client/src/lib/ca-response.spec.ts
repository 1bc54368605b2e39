import { describe, expect, it } from 'vitest';
import { redact, unwrapCaResponse } from './ca-response.ts';
import { FabricCaError } from './fabric-ca-error.ts';

// Bodies as fabric-ca's serverEndpoint writes them, newline after each JSON value included.
const success = '{"result":{"secret":"OEblYYJLFBTT"}\n,"errors":[],"messages":[],"success":true}';
const failure = (code: number, message: string): string =>
  `{"result":"","errors":[${JSON.stringify({ code, message })}\n],"messages":[],"success":false}`;

function caught(run: () => unknown): FabricCaError {
  try {
    run();
  } catch (error) {
    if (error instanceof FabricCaError) return error;
    throw error;
  }
  throw new Error('expected a FabricCaError');
}

describe('unwrapCaResponse', () => {
  it('returns the result of a successful response', () => {
    expect(unwrapCaResponse({ status: 201, body: success }, 'the registration')).toEqual({ secret: 'OEblYYJLFBTT' });
  });

  it('reports 401 as CA_AUTH_FAILED with the CA error code and message', () => {
    const error = caught(() => unwrapCaResponse({ status: 401, body: failure(20, 'Authentication failure') }, "the enrollment of 'alice'"));
    expect(error.code).toBe('CA_AUTH_FAILED');
    expect(error.httpStatus).toBe(401);
    expect(error.caErrors).toEqual([{ code: 20, message: 'Authentication failure' }]);
    expect(error.message).toBe("The Fabric CA refused the enrollment of 'alice' (HTTP 401): [CA error 20] Authentication failure.");
  });

  it('reports 403 as CA_AUTH_FAILED', () => {
    expect(caught(() => unwrapCaResponse({ status: 403, body: failure(71, 'Authorization failure') }, 'x')).code).toBe('CA_AUTH_FAILED');
  });

  it('reports other refusals as CA_REQUEST_REJECTED', () => {
    const error = caught(() =>
      unwrapCaResponse({ status: 409, body: failure(74, "Identity 'admin' is already registered") }, "the registration of 'admin'"),
    );
    expect(error.code).toBe('CA_REQUEST_REJECTED');
    expect(error.message).toContain("[CA error 74] Identity 'admin' is already registered");
  });

  it('does not trust success:true when errors are present', () => {
    const body = '{"result":{},"errors":[{"code":5,"message":"odd"}],"messages":[],"success":true}';
    expect(caught(() => unwrapCaResponse({ status: 200, body }, 'x')).code).toBe('CA_REQUEST_REJECTED');
  });

  it('reports a body that is not the CA envelope as CA_BAD_RESPONSE', () => {
    expect(caught(() => unwrapCaResponse({ status: 404, body: '404 page not found' }, 'x')).code).toBe('CA_BAD_RESPONSE');
    expect(caught(() => unwrapCaResponse({ status: 200, body: '{"result":{}}' }, 'x')).code).toBe('CA_BAD_RESPONSE');
    expect(caught(() => unwrapCaResponse({ status: 200, body: '' }, 'x')).code).toBe('CA_BAD_RESPONSE');
  });

  it('keeps secrets the request carried out of the message', () => {
    const body = failure(5, 'Invalid request body: unexpected EOF; body={"id":"u1","secret":"hunter22"}');
    const error = caught(() => unwrapCaResponse({ status: 400, body }, 'the registration', ['hunter22']));
    expect(error.message).not.toContain('hunter22');
    expect(JSON.stringify(error.caErrors)).not.toContain('hunter22');
    expect(error.message).toContain('Invalid request body: unexpected EOF; body=<omitted>');
  });
});

describe('redact', () => {
  it('blanks every occurrence of each secret', () => {
    expect(redact('pw s3cret and s3cret again, also k3y', ['s3cret', 'k3y', ''])).toBe('pw <redacted> and <redacted> again, also <redacted>');
  });
});

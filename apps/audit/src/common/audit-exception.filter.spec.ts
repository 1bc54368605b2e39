import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { toErrorBody } from './audit-exception.filter.ts';

describe('the audit service error shape', () => {
  it('keeps its own refusals, and gives the framework\'s a code', () => {
    expect(toErrorBody(new HttpException({ statusCode: 403, code: 'FORBIDDEN', message: 'regulators only' }, 403))).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'regulators only' });
    expect(toErrorBody(new BadRequestException("Unexpected token 'n', \"not json\" is not valid JSON"))).toMatchObject({ statusCode: 400, code: 'INVALID_JSON' });
    expect(toErrorBody(new PayloadTooLargeException('request entity too large'))).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('says nothing of an unexpected failure but that it is logged', () => {
    expect(toErrorBody(new Error('connect ECONNREFUSED 10.0.0.3:5432 password=…'))).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'the audit service failed; the error is logged' });
  });
});

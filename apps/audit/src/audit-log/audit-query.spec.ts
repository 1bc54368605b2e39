import { describe, expect, it } from 'vitest';
import { parseQuery, searchSchema } from './audit-query.ts';

const refusal = (query: Record<string, string>) => {
  try {
    parseQuery(searchSchema, query);
  } catch (error) {
    return (error as { getResponse(): unknown }).getResponse();
  }
  return undefined;
};

describe('audit search parameters', () => {
  it('takes back the cursor of a previous page', () => {
    expect(parseQuery(searchSchema, { after: '2026-12-04T06:00:00.000Z|0f6c2a1e-7b3d-4c5e-9f0a-1b2c3d4e5f60' }).after).toBeDefined();
  });

  it.each(['not-a-date|x', '2026-12-04T06:00:00.000Z', '2026-12-04T06:00:00.000Z|a|b', "2026-12-04T06:00:00.000Z|x' or 1=1 --"])('refuses the cursor %s with 400 INVALID_ARGUMENT', (after) => {
    expect(refusal({ after })).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^after: /) });
  });
});

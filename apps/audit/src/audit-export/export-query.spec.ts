import { describe, expect, it } from 'vitest';
import { parseQuery } from '../audit-log/audit-query.ts';
import { fileName } from './audit-exporter.ts';
import { exportSchema } from './export-query.ts';

const refusal = (query: Record<string, string>) => {
  try {
    parseQuery(exportSchema, query);
  } catch (error) {
    return (error as { getResponse(): unknown }).getResponse();
  }
  return undefined;
};

describe('export parameters', () => {
  it('takes a time range, the filters and a format; csv by default', () => {
    expect(parseQuery(exportSchema, { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00+08:00', action: 'chain.access-granted' })).toEqual({
      from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-01T16:00:00Z'), action: 'chain.access-granted', format: 'csv',
    });
    expect(parseQuery(exportSchema, { format: 'jsonl' }).format).toBe('jsonl');
  });

  it.each([
    [{ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, /^from: from must not be after to/],
    [{ from: 'yesterday' }, /^from: /],
    [{ to: '2026-13-01T00:00:00Z' }, /^to: /],
    [{ format: 'xlsx' }, /^format: must be csv or jsonl/],
    [{ limit: '10' }, /limit/],
  ])('refuses %j with 400 INVALID_ARGUMENT and a sentence', (query, message) => {
    expect(refusal(query)).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
  });

  it('names the file after the range and the format', () => {
    expect(fileName('csv', new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T06:30:00.250Z'))).toBe('gridledger-audit-20261201T000000Z-20261202T063000Z.csv');
    expect(fileName('jsonl', undefined, new Date('2026-12-02T00:00:00Z'))).toBe('gridledger-audit-start-20261202T000000Z.jsonl');
  });
});

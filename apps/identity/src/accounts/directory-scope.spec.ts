import { REGULATOR_MSP } from '@gridledger/domain';
import { describe, expect, it } from 'vitest';
import type { IdentityError } from '../common/identity-error.ts';
import { directoryQuerySchema } from './account-input.ts';
import { containsPattern, directoryScope } from './directory-scope.ts';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as IdentityError).code;
  }
  return undefined;
};

describe('directoryScope', () => {
  it('keeps an admin to their own organisation', () => {
    expect(directoryScope({ role: 'admin', mspId: 'GridMSP' }, undefined)).toBe('GridMSP');
    expect(directoryScope({ role: 'admin', mspId: 'GridMSP' }, 'GridMSP')).toBe('GridMSP');
    expect(code(() => directoryScope({ role: 'admin', mspId: 'GridMSP' }, 'ConsumerMSP'))).toBe('FORBIDDEN');
  });

  it('shows the regulator every organisation, or the one asked for', () => {
    expect(directoryScope({ role: 'regulator', mspId: REGULATOR_MSP }, undefined)).toBeNull();
    expect(directoryScope({ role: 'regulator', mspId: REGULATOR_MSP }, 'ConsumerMSP')).toBe('ConsumerMSP');
  });

  it('refuses owners, consumers, and a "regulator" of another organisation', () => {
    for (const actor of [{ role: 'owner', mspId: 'GridMSP' }, { role: 'consumer', mspId: 'ConsumerMSP' }, { role: 'regulator', mspId: 'GridMSP' }]) {
      expect(code(() => directoryScope(actor, undefined))).toBe('FORBIDDEN');
    }
  });
});

describe('the directory query', () => {
  it('matches the search text literally, anywhere, in any case', () => {
    expect(containsPattern('Ana')).toBe('%ana%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it('pages 20 at a time by default and at most 100', () => {
    expect(directoryQuerySchema.parse({})).toEqual({ limit: 20, offset: 0 });
    expect(directoryQuerySchema.parse({ limit: '5', offset: '10', search: ' ana ' })).toEqual({ limit: 5, offset: 10, search: 'ana' });
    expect(directoryQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(directoryQuerySchema.safeParse({ offset: '-1' }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isServiceCredential } from './service-credential.ts';

describe('isServiceCredential', () => {
  const token = 's'.repeat(43);
  it('accepts exactly the bearer service token', () => {
    expect(isServiceCredential(`Bearer ${token}`, token)).toBe(true);
    expect(isServiceCredential(`Bearer ${token}x`, token)).toBe(false);
    expect(isServiceCredential(`bearer ${token}`, token)).toBe(false);
    expect(isServiceCredential(token, token)).toBe(false);
    expect(isServiceCredential(undefined, token)).toBe(false);
  });
});

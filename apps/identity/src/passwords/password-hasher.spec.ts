import { describe, expect, it } from 'vitest';
import { hashPassword, passwordWeakness, verifyPassword } from './password-hasher.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one, with a fresh salt each time', async () => {
    const a = await hashPassword('Correct horse 42!');
    const b = await hashPassword('Correct horse 42!');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('Correct horse 42!', a)).toBe(true);
    expect(await verifyPassword('correct horse 42!', a)).toBe(false);
    expect(await verifyPassword('anything', 'bcrypt$whatever')).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['short1!A', 'at least 12'],
    ['alllowercaseletters', undefined],
    ['onlylowercase', 'three of'],
    ['Aaaaaaaaaaaa1', undefined],
    ['xxxxxxxxxxxxxxxxxxxx', 'repeat'],
    ['Alice-Password-2026', 'username'],
  ])('%s → %s', (password, problem) => {
    const weakness = passwordWeakness(password, 'alice');
    if (problem) expect(weakness).toContain(problem);
    else expect(weakness).toBeUndefined();
  });
});

import { ROLES } from '@gridledger/domain';
import { describe, expect, it } from 'vitest';
import { homeFor, mayOpen, screensFor } from './screens.ts';

describe('screens', () => {
  it('offers each role only its own screens', () => {
    expect(screensFor('consumer').map((s) => s.path)).toEqual(['/catalog', '/my-requests', '/account']);
    expect(screensFor('owner').map((s) => s.path)).toEqual(['/catalog', '/upload', '/my-assets', '/account']);
    expect(screensFor('regulator').map((s) => s.path)).toEqual(['/catalog', '/regulator', '/ops', '/account']);
    expect(screensFor('admin').map((s) => s.path)).toEqual(['/catalog', '/ops', '/admin', '/account']);
  });

  it('refuses a screen to a role that may not use it, and lands each role on one it may', () => {
    expect(mayOpen('consumer', '/upload')).toBe(false);
    expect(mayOpen('owner', '/regulator')).toBe(false);
    for (const role of ROLES) expect(mayOpen(role, homeFor(role))).toBe(true);
  });
});

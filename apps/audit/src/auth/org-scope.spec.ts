import { describe, expect, it } from 'vitest';
import { orgScope } from './org-scope.ts';

describe('orgScope', () => {
  it('lets a RegulatorMSP regulator search any organisation', () => {
    expect(orgScope({ id: 'reg-1', mspId: 'RegulatorMSP', role: 'regulator' }, 'GridMSP')).toBe('GridMSP');
    expect(orgScope({ id: 'reg-1', mspId: 'RegulatorMSP', role: 'regulator' }, undefined)).toBeUndefined();
  });

  it("keeps everyone else, a 'regulator' of another organisation too, to their own", () => {
    expect(orgScope({ id: 'adm-1', mspId: 'GridMSP', role: 'admin' }, 'ConsumerMSP')).toBe('GridMSP');
    expect(orgScope({ id: 'rex', mspId: 'ConsumerMSP', role: 'regulator' }, 'GridMSP')).toBe('ConsumerMSP');
  });
});

import { describe, expect, it } from 'vitest';
import type { AssetPolicy } from '../../api/types.ts';
import { mayRequest } from './may-request.ts';

const policy = (allowedOrgs: string[], allowedRoles: AssetPolicy['allowedRoles']): AssetPolicy => ({ allowedOrgs, allowedRoles, allowedPurposes: [], maxDurationSeconds: 86_400, maxDownloads: 1 });

describe('mayRequest', () => {
  it('reads empty lists as the chaincode does: any organisation, consumers only', () => {
    expect(mayRequest(policy([], []), { mspId: 'ConsumerMSP', role: 'consumer' })).toBe('ok');
    expect(mayRequest(policy([], []), { mspId: 'GridMSP', role: 'owner' })).toBe('role');
  });

  it('names the rule that keeps the user out', () => {
    expect(mayRequest(policy(['ConsumerMSP'], ['consumer']), { mspId: 'GridMSP', role: 'consumer' })).toBe('organisation');
    expect(mayRequest(policy(['ConsumerMSP'], ['owner']), { mspId: 'ConsumerMSP', role: 'consumer' })).toBe('role');
  });
});

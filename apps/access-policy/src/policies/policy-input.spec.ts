import { MAX_POLICY_DOWNLOADS, MAX_POLICY_DURATION_SECONDS } from '@gridledger/domain';
import { describe, expect, it } from 'vitest';
import { policySchema } from './policy-input.ts';

const policy = { allowedOrgs: ['GridMSP', 'ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 5 };

describe('policySchema', () => {
  it('accepts the platform limits, which the chaincode and the dashboard editor allow too', () => {
    expect(policySchema.parse({ ...policy, maxDurationSeconds: MAX_POLICY_DURATION_SECONDS, maxDownloads: MAX_POLICY_DOWNLOADS })).toMatchObject({
      allowedOrgs: ['ConsumerMSP', 'GridMSP'],
      maxDurationSeconds: MAX_POLICY_DURATION_SECONDS,
      maxDownloads: MAX_POLICY_DOWNLOADS,
    });
  });

  it('refuses anything over them', () => {
    expect(policySchema.safeParse({ ...policy, maxDurationSeconds: MAX_POLICY_DURATION_SECONDS + 1 }).success).toBe(false);
    expect(policySchema.safeParse({ ...policy, maxDownloads: MAX_POLICY_DOWNLOADS + 1 }).success).toBe(false);
  });

  it('takes only the platform roles', () => {
    expect(policySchema.safeParse({ ...policy, allowedRoles: ['superuser'] }).success).toBe(false);
  });
});

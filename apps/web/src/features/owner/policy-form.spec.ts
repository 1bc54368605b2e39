import { MAX_POLICY_DOWNLOADS, MAX_POLICY_DURATION_SECONDS } from '@gridledger/domain';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_DRAFT, parsePolicy } from './policy-form.ts';

const maxDays = String(MAX_POLICY_DURATION_SECONDS / 86_400);

describe('parsePolicy limits', () => {
  it('lets the owner choose up to the platform limits, which every service accepts', () => {
    expect(parsePolicy({ ...DEFAULT_POLICY_DRAFT, maxDurationDays: maxDays, maxDownloads: String(MAX_POLICY_DOWNLOADS) })).toMatchObject({
      policy: { maxDurationSeconds: MAX_POLICY_DURATION_SECONDS, maxDownloads: MAX_POLICY_DOWNLOADS },
    });
  });

  it('names the fields over them', () => {
    expect(parsePolicy({ ...DEFAULT_POLICY_DRAFT, maxDurationDays: String(Number(maxDays) + 1), maxDownloads: String(MAX_POLICY_DOWNLOADS + 1) })).toEqual({ problems: ['duration', 'downloads'] });
  });
});

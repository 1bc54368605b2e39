import { MAX_POLICY_DOWNLOADS, MAX_POLICY_DURATION_SECONDS, type Role } from '@gridledger/domain';
import type { AssetPolicy } from '../../api/types.ts';

const DAY_SECONDS = 86_400;
// the editor counts whole days; the platform's limit is in seconds
const MAX_DURATION_DAYS = Math.floor(MAX_POLICY_DURATION_SECONDS / DAY_SECONDS);

/** The policy as the form holds it: text fields stay text until submitted, so typing is never fought. */
export interface PolicyDraft {
  allowedOrgs: string[];
  allowedRoles: Role[];
  purposes: string;
  maxDurationDays: string;
  maxDownloads: string;
}

export type PolicyProblem = 'purposes' | 'duration' | 'downloads';

export const draftOf = (policy: AssetPolicy): PolicyDraft => ({
  allowedOrgs: [...policy.allowedOrgs],
  allowedRoles: [...policy.allowedRoles],
  purposes: policy.allowedPurposes.join(', '),
  maxDurationDays: String(Math.max(1, Math.round(policy.maxDurationSeconds / DAY_SECONDS))),
  maxDownloads: String(policy.maxDownloads),
});

export const DEFAULT_POLICY_DRAFT: PolicyDraft = { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], purposes: 'research', maxDurationDays: '30', maxDownloads: '5' };

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);

/** The policy the services take, or the fields at fault (the platform's policy limits, which every service checks; empty lists are allowed). */
export function parsePolicy(draft: PolicyDraft): { policy: AssetPolicy } | { problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const purposes = draft.purposes.split(',').map((p) => p.trim()).filter(Boolean);
  const days = wholeNumber(draft.maxDurationDays);
  const downloads = wholeNumber(draft.maxDownloads);
  // the chaincode reads an empty list as "any organisation", "any purpose" and "consumers"
  if (purposes.some((p) => p.length > 64)) problems.push('purposes');
  if (!(days >= 1 && days <= MAX_DURATION_DAYS)) problems.push('duration');
  if (!(downloads >= 1 && downloads <= MAX_POLICY_DOWNLOADS)) problems.push('downloads');
  if (problems.length) return { problems };
  return { policy: { allowedOrgs: draft.allowedOrgs, allowedRoles: draft.allowedRoles, allowedPurposes: purposes, maxDurationSeconds: days * DAY_SECONDS, maxDownloads: downloads } };
}

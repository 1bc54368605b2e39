import type { AccessPolicy, AccessRequest, DataAsset } from '@gridledger/domain';
import type { PlatformUser } from '../caller.ts';

export type DenialCode =
  | 'NO_GRANT'
  | 'PENDING'
  | 'REJECTED'
  | 'REVOKED'
  | 'EXPIRED'
  | 'BUDGET_EXHAUSTED'
  | 'ASSET_FROZEN'
  | 'ASSET_RETIRED'
  | 'CONSUMER_FROZEN'
  | 'OWNER_FROZEN';

export interface AccessDecision {
  allowed: boolean;
  /** null when allowed; otherwise which rule said no */
  code: DenialCode | null;
  reason: string;
  requestId: string | null;
  expiresAt: string | null;
  remainingDownloads: number;
}

export interface DecisionInput {
  asset: DataAsset;
  request: AccessRequest;
  nowMillis: number;
  consumerFrozen: boolean;
  ownerFrozen: boolean;
}

const deny = (code: DenialCode, reason: string, request: AccessRequest | null): AccessDecision => ({
  allowed: false,
  code,
  reason,
  requestId: request?.id ?? null,
  expiresAt: request?.grant?.expiresAt ?? null,
  remainingDownloads: request?.grant ? Math.max(0, request.grant.maxDownloads - request.grant.used) : 0,
});

/**
 * The single decision function: a grant exists, has not expired by transaction time, has
 * budget left, the asset is active, and neither party is frozen. Pure, so every path is
 * unit-tested; CheckAccess, RecordKeyRelease and RecordDownload all go through it.
 */
export function decideAccess({ asset, request, nowMillis, consumerFrozen, ownerFrozen }: DecisionInput): AccessDecision {
  if (asset.status === 'frozen') return deny('ASSET_FROZEN', `asset ${asset.id} is frozen by the regulator`, request);
  if (asset.status === 'retired') return deny('ASSET_RETIRED', `asset ${asset.id} is retired`, request);
  if (consumerFrozen) return deny('CONSUMER_FROZEN', `the consumer ${request.consumer.uid} is frozen by the regulator`, request);
  if (ownerFrozen) return deny('OWNER_FROZEN', `the owner ${asset.owner.uid} is frozen by the regulator`, request);
  switch (request.status) {
    case 'pending-owner':
    case 'pending-regulator':
      return deny('PENDING', `request ${request.id} is ${request.status}`, request);
    case 'rejected':
      return deny('REJECTED', `request ${request.id} was rejected`, request);
    case 'revoked':
      return deny('REVOKED', `the grant of request ${request.id} was revoked`, request);
    case 'expired':
      return deny('EXPIRED', `request ${request.id} has expired`, request);
    case 'granted':
      break;
  }
  const grant = request.grant;
  if (!grant) return deny('NO_GRANT', `request ${request.id} has no grant`, request);
  if (nowMillis >= Date.parse(grant.expiresAt)) return deny('EXPIRED', `the grant of request ${request.id} expired at ${grant.expiresAt}`, request);
  if (grant.used >= grant.maxDownloads) return deny('BUDGET_EXHAUSTED', `the grant of request ${request.id} has used all ${grant.maxDownloads} downloads`, request);
  return {
    allowed: true,
    code: null,
    reason: 'granted',
    requestId: request.id,
    expiresAt: grant.expiresAt,
    remainingDownloads: grant.maxDownloads - grant.used,
  };
}

/** Ranks denials so CheckAccess over several requests explains the one closest to access. */
const CLOSENESS: (DenialCode | null)[] = [null, 'BUDGET_EXHAUSTED', 'EXPIRED', 'PENDING', 'REVOKED', 'REJECTED'];
export function bestDecision(decisions: AccessDecision[]): AccessDecision | undefined {
  const rank = (d: AccessDecision) => {
    const i = CLOSENESS.indexOf(d.code);
    return i < 0 ? CLOSENESS.length : i;
  };
  return [...decisions].sort((a, b) => rank(a) - rank(b))[0];
}

/** Which rule of the asset's policy refuses this request, as a sentence; undefined if none does. */
export function policyViolation(policy: AccessPolicy, user: PlatformUser, purpose: string, durationSeconds: number): string | undefined {
  const roles = policy.allowedRoles.length > 0 ? policy.allowedRoles : ['consumer'];
  if (!roles.includes(user.role)) return `the policy allows requests from ${roles.join(', ')}, not ${user.role}`;
  if (policy.allowedOrgs.length > 0 && !policy.allowedOrgs.includes(user.mspId)) {
    return `organisation ${user.mspId} is not among the allowed organisations (${policy.allowedOrgs.join(', ')})`;
  }
  if (policy.allowedPurposes.length > 0 && !policy.allowedPurposes.includes(purpose)) {
    return `purpose "${purpose}" is not among the allowed purposes (${policy.allowedPurposes.join(', ')})`;
  }
  if (durationSeconds > policy.maxDurationSeconds) return `a duration of ${durationSeconds} s exceeds the policy's maximum of ${policy.maxDurationSeconds} s`;
  return undefined;
}

import { describe, expect, it } from 'vitest';
import type { AccessPolicy, AccessRequest, DataAsset, RequestStatus } from '@gridledger/domain';
import { bestDecision, decideAccess, policyViolation, type AccessDecision, type DenialCode } from './access-decision.ts';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const hours = (n: number) => n * 3600 * 1000;

const asset = (overrides: Partial<DataAsset> = {}): DataAsset => ({
  docType: 'asset',
  id: 'feeder-7',
  owner: { mspId: 'GridMSP', uid: 'alice' },
  title: 'Feeder 7 load',
  description: '',
  category: 'load-curve',
  sensitivity: 'public',
  cid: `Qm${'a'.repeat(44)}`,
  ciphertextSha256: 'c'.repeat(64),
  plaintextSha256: 'p'.repeat(64),
  sizeBytes: 10,
  encryptionScheme: 'AES-256-GCM',
  keyVersion: 1,
  priceCredits: 5,
  policy: { allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 86400, maxDownloads: 3 },
  status: 'active',
  createdAt: new Date(NOW - hours(48)).toISOString(),
  updatedAt: new Date(NOW - hours(48)).toISOString(),
  ...overrides,
});

const request = (status: RequestStatus = 'granted', grant: Partial<NonNullable<AccessRequest['grant']>> | null = {}): AccessRequest => ({
  docType: 'request',
  id: 'r1',
  assetId: 'feeder-7',
  consumer: { mspId: 'ConsumerMSP', uid: 'bob' },
  owner: { mspId: 'GridMSP', uid: 'alice' },
  purpose: 'planning',
  durationSeconds: 86400,
  priceCredits: 5,
  escrow: status === 'granted' ? 'paid' : 'held',
  requiresRegulator: false,
  status,
  decisions: [],
  grant:
    grant === null
      ? null
      : { grantedAt: new Date(NOW - hours(1)).toISOString(), expiresAt: new Date(NOW + hours(1)).toISOString(), maxDownloads: 3, used: 0, keyReleases: 0, downloads: 0, ...grant },
  createdAt: new Date(NOW - hours(2)).toISOString(),
  updatedAt: new Date(NOW - hours(1)).toISOString(),
});

const decide = (overrides: { asset?: DataAsset; request?: AccessRequest; nowMillis?: number; consumerFrozen?: boolean; ownerFrozen?: boolean } = {}) =>
  decideAccess({ asset: asset(), request: request(), nowMillis: NOW, consumerFrozen: false, ownerFrozen: false, ...overrides });

describe('decideAccess', () => {
  it('allows a live grant with budget left and reports what remains', () => {
    expect(decide({ request: request('granted', { used: 1 }) })).toEqual({
      allowed: true,
      code: null,
      reason: 'granted',
      requestId: 'r1',
      expiresAt: new Date(NOW + hours(1)).toISOString(),
      remainingDownloads: 2,
    });
  });

  it.each<[string, Parameters<typeof decide>[0], DenialCode]>([
    ['a frozen asset', { asset: asset({ status: 'frozen' }) }, 'ASSET_FROZEN'],
    ['a retired asset', { asset: asset({ status: 'retired' }) }, 'ASSET_RETIRED'],
    ['a frozen consumer', { consumerFrozen: true }, 'CONSUMER_FROZEN'],
    ['a frozen owner', { ownerFrozen: true }, 'OWNER_FROZEN'],
    ['a request pending the owner', { request: request('pending-owner', null) }, 'PENDING'],
    ['a request pending the regulator', { request: request('pending-regulator', null) }, 'PENDING'],
    ['a rejected request', { request: request('rejected', null) }, 'REJECTED'],
    ['a revoked grant', { request: request('revoked') }, 'REVOKED'],
    ['an expired request', { request: request('expired') }, 'EXPIRED'],
    ['a granted request without a grant record', { request: request('granted', null) }, 'NO_GRANT'],
    ['a grant at its expiry instant', { nowMillis: NOW + hours(1) }, 'EXPIRED'],
    ['a grant past its expiry', { nowMillis: NOW + hours(5) }, 'EXPIRED'],
    ['a grant whose budget is used up', { request: request('granted', { used: 3 }) }, 'BUDGET_EXHAUSTED'],
    ['a grant used beyond its budget', { request: request('granted', { used: 4 }) }, 'BUDGET_EXHAUSTED'],
  ])('denies %s', (_label, input, code) => {
    const decision = decide(input);
    expect(decision.allowed).toBe(false);
    expect(decision.code).toBe(code);
    expect(decision.requestId).toBe('r1');
    expect(decision.reason.length).toBeGreaterThan(0);
  });

  it('allows up to the millisecond before expiry', () => {
    expect(decide({ nowMillis: NOW + hours(1) - 1 }).allowed).toBe(true);
  });

  it('checks freezes and the asset before the request, so a frozen asset explains a rejected request', () => {
    expect(decide({ asset: asset({ status: 'frozen' }), request: request('rejected', null) }).code).toBe('ASSET_FROZEN');
    expect(decide({ consumerFrozen: true, ownerFrozen: true }).code).toBe('CONSUMER_FROZEN');
  });

  it('reports the grant expiry and never a negative remaining budget on denial', () => {
    const exhausted = decide({ request: request('granted', { used: 5 }) });
    expect(exhausted.remainingDownloads).toBe(0);
    expect(exhausted.expiresAt).toBe(new Date(NOW + hours(1)).toISOString());
    const pending = decide({ request: request('pending-owner', null) });
    expect(pending).toMatchObject({ expiresAt: null, remainingDownloads: 0 });
    expect(decide({ ownerFrozen: true, request: request('granted', { used: 1 }) }).remainingDownloads).toBe(2);
  });
});

describe('bestDecision', () => {
  const d = (code: DenialCode | null, requestId: string): AccessDecision => ({
    allowed: code === null, code, reason: code ?? 'granted', requestId, expiresAt: null, remainingDownloads: 0,
  });

  it('is undefined for no decisions', () => {
    expect(bestDecision([])).toBeUndefined();
  });

  it('prefers an allowing decision over any denial', () => {
    expect(bestDecision([d('REJECTED', 'a'), d('EXPIRED', 'b'), d(null, 'c'), d('PENDING', 'd')])?.requestId).toBe('c');
  });

  it('explains the denial closest to access: budget, expiry, pending, revoked, rejected, then the rest', () => {
    const order: (DenialCode | null)[] = [null, 'BUDGET_EXHAUSTED', 'EXPIRED', 'PENDING', 'REVOKED', 'REJECTED', 'NO_GRANT'];
    for (let i = 0; i < order.length; i += 1) {
      const worse = order.slice(i).reverse().map((code, n) => d(code, `${code}-${n}`));
      expect(bestDecision(worse)?.code).toBe(order[i]);
    }
  });

  it('keeps the first of equally close decisions and leaves its input untouched', () => {
    const input = [d('ASSET_FROZEN', 'x'), d('OWNER_FROZEN', 'y')];
    expect(bestDecision(input)?.requestId).toBe('x');
    const reversed = [d('REJECTED', 'r'), d('PENDING', 'p')];
    expect(bestDecision(reversed)?.requestId).toBe('p');
    expect(reversed.map((x) => x.requestId)).toEqual(['r', 'p']);
  });
});

describe('policyViolation', () => {
  const policy = (overrides: Partial<AccessPolicy> = {}): AccessPolicy => ({
    allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 3600, maxDownloads: 1, ...overrides,
  });
  const bob = { mspId: 'ConsumerMSP', uid: 'bob', role: 'consumer' as const };
  const oscar = { mspId: 'GridMSP', uid: 'oscar', role: 'owner' as const };

  it('allows a consumer of any organisation for any purpose within the duration when the lists are empty', () => {
    expect(policyViolation(policy(), bob, 'anything', 3600)).toBeUndefined();
  });

  it('lets only consumers request when no roles are listed', () => {
    expect(policyViolation(policy(), oscar, 'x', 60)).toMatch(/allows requests from consumer, not owner/);
  });

  it('lets the listed roles request, and only them', () => {
    expect(policyViolation(policy({ allowedRoles: ['owner'] }), oscar, 'x', 60)).toBeUndefined();
    expect(policyViolation(policy({ allowedRoles: ['owner'] }), bob, 'x', 60)).toMatch(/allows requests from owner, not consumer/);
  });

  it('refuses an organisation not listed', () => {
    expect(policyViolation(policy({ allowedOrgs: ['GridMSP'] }), bob, 'x', 60)).toMatch(/organisation ConsumerMSP is not among the allowed organisations \(GridMSP\)/);
    expect(policyViolation(policy({ allowedOrgs: ['GridMSP', 'ConsumerMSP'] }), bob, 'x', 60)).toBeUndefined();
  });

  it('refuses a purpose not listed, exactly as written', () => {
    expect(policyViolation(policy({ allowedPurposes: ['planning'] }), bob, 'marketing', 60)).toMatch(/purpose "marketing" is not among the allowed purposes \(planning\)/);
    expect(policyViolation(policy({ allowedPurposes: ['planning'] }), bob, 'Planning', 60)).toBeDefined();
    expect(policyViolation(policy({ allowedPurposes: ['planning'] }), bob, 'planning', 60)).toBeUndefined();
  });

  it('refuses a duration over the maximum and allows the maximum itself', () => {
    expect(policyViolation(policy(), bob, 'x', 3601)).toMatch(/a duration of 3601 s exceeds the policy's maximum of 3600 s/);
    expect(policyViolation(policy(), bob, 'x', 3600)).toBeUndefined();
  });

  it('names the role before the organisation when both are wrong', () => {
    expect(policyViolation(policy({ allowedOrgs: ['GridMSP'] }), { ...bob, role: 'admin' }, 'x', 99_999)).toMatch(/not admin/);
  });
});

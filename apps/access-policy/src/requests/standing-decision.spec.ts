import type { AccessRequest, Decision } from '@gridledger/domain';
import { describe, expect, it } from 'vitest';
import { standingDecision } from './standing-decision.ts';

const by = (uid: string, decision: Decision['decision'], txId: string): Decision => ({ by: { uid, mspId: 'GridMSP', role: 'owner' }, decision, reason: 'r', at: '2026-12-06T00:00:00Z', txId });
const request = (...decisions: Decision[]) => ({ decisions }) as unknown as AccessRequest;

describe('a decision asked again', () => {
  it('finds the caller\'s decision while nothing after it went the other way', () => {
    expect(standingDecision(request(by('owner', 'approved', 't1')), 'owner', 'approved')?.txId).toBe('t1');
    expect(standingDecision(request(by('owner', 'approved', 't1'), by('regulator', 'approved', 't2')), 'owner', 'approved')?.txId).toBe('t1');
    expect(standingDecision(request(by('owner', 'rejected', 't1')), 'owner', 'rejected')?.txId).toBe('t1');
    expect(standingDecision(request(by('owner', 'approved', 't1'), by('owner', 'revoked', 't2')), 'owner', 'revoked')?.txId).toBe('t2');
  });

  it('finds nothing for another user, another kind of decision, or a decision undone since', () => {
    expect(standingDecision(request(), 'owner', 'approved')).toBeUndefined();
    expect(standingDecision(request(by('someone', 'approved', 't1')), 'owner', 'approved')).toBeUndefined();
    expect(standingDecision(request(by('owner', 'approved', 't1')), 'owner', 'rejected')).toBeUndefined();
    expect(standingDecision(request(by('owner', 'approved', 't1'), by('owner', 'revoked', 't2')), 'owner', 'approved')).toBeUndefined();
    expect(standingDecision(request(by('owner', 'approved', 't1'), by('regulator', 'rejected', 't2')), 'owner', 'approved')).toBeUndefined();
  });
});

import { randomUUID } from 'node:crypto';
import { IDENTITY_TOPICS } from '@gridledger/contracts';
import { describe, expect, it } from 'vitest';
import { SuspensionFeed } from './suspension-feed.ts';

const feed = () => new SuspensionFeed({ brokers: ['127.0.0.1:1'], username: 'u', password: 'p', ca: '' }, 'gridledger-test');
const admin = randomUUID();

describe('SuspensionFeed', () => {
  it('suspends on user-suspended and lifts it on user-reactivated, per user', () => {
    const list = feed();
    const [ann, bob] = [randomUUID(), randomUUID()];
    list.apply(IDENTITY_TOPICS.userSuspended, { data: { userId: ann, mspId: 'GridMSP', reason: 'left', suspendedBy: admin } });
    list.apply(IDENTITY_TOPICS.userSuspended, { data: { userId: bob, mspId: 'GridMSP', reason: 'left', suspendedBy: admin } });
    expect([list.isSuspended(ann), list.isSuspended(bob)]).toEqual([true, true]);
    list.apply(IDENTITY_TOPICS.userReactivated, { data: { userId: ann, mspId: 'GridMSP', reactivatedBy: admin, certificatePem: 'x' } });
    expect([list.isSuspended(ann), list.isSuspended(bob)]).toEqual([false, true]);
  });

  it('changes nothing for an event that does not fit its contract', () => {
    const list = feed();
    expect(() => list.apply(IDENTITY_TOPICS.userSuspended, { data: { userId: 'not-a-uuid' } })).toThrow();
    expect(list.isSuspended('not-a-uuid')).toBe(false);
  });
});

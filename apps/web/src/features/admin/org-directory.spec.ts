import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/types.ts';
import { orgDirectory } from './org-directory.ts';

const entry = (action: string, occurredAt: string, data: Record<string, unknown>): AuditEntry =>
  ({ eventId: `${action}-${occurredAt}`, action, occurredAt, data }) as AuditEntry;

describe('orgDirectory', () => {
  it('folds registrations, suspensions and reactivations in time order, whatever order they arrive in', () => {
    const users = orgDirectory([
      entry('identity.user-reactivated', '2026-01-04T00:00:00Z', { userId: 'u1' }),
      entry('identity.user-registered', '2026-01-01T00:00:00Z', { userId: 'u1', username: 'steward', role: 'owner' }),
      entry('identity.user-suspended', '2026-01-02T00:00:00Z', { userId: 'u1' }),
      entry('identity.user-registered', '2026-01-03T00:00:00Z', { userId: 'u2', username: 'analyst', role: 'consumer' }),
      entry('identity.user-suspended', '2026-01-05T00:00:00Z', { userId: 'u2' }),
    ]);
    expect(users.map((u) => [u.username, u.role, u.status])).toEqual([
      ['analyst', 'consumer', 'suspended'],
      ['steward', 'owner', 'active'],
    ]);
  });

  it('ignores events about users it never saw registered', () => {
    expect(orgDirectory([entry('identity.user-suspended', '2026-01-02T00:00:00Z', { userId: 'ghost' })])).toEqual([]);
  });
});

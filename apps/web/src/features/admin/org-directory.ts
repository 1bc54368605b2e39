import type { AuditEntry } from '../../api/types.ts';

export interface DirectoryUser {
  id: string;
  username: string;
  role: string;
  status: 'active' | 'suspended';
  since: string;
}

/**
 * The organisation's users, folded from its audit log: registered, then suspended and
 * reactivated in order. The identity service has no user list; the audit log sees every
 * identity event and shows an admin their own organisation's.
 */
export function orgDirectory(entries: readonly AuditEntry[]): DirectoryUser[] {
  const users = new Map<string, DirectoryUser>();
  const oldestFirst = [...entries].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  for (const e of oldestFirst) {
    const userId = typeof e.data['userId'] === 'string' ? e.data['userId'] : null;
    if (!userId) continue;
    if (e.action === 'identity.user-registered') {
      users.set(userId, { id: userId, username: String(e.data['username'] ?? userId), role: String(e.data['role'] ?? ''), status: 'active', since: e.occurredAt });
    } else if (e.action === 'identity.user-suspended' || e.action === 'identity.user-reactivated') {
      const user = users.get(userId);
      if (user) users.set(userId, { ...user, status: e.action === 'identity.user-suspended' ? 'suspended' : 'active', since: e.occurredAt });
    }
  }
  return [...users.values()].sort((a, b) => a.username.localeCompare(b.username));
}

/** After an admin's own action, the directory shows it at once, before the audit log has caught up. */
export function withChange(users: readonly DirectoryUser[], change: DirectoryUser): DirectoryUser[] {
  return [...users.filter((u) => u.id !== change.id), change].sort((a, b) => a.username.localeCompare(b.username));
}

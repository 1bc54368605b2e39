import { api } from '../../api/http.ts';
import { useAsync } from '../../components/use-async.ts';

export interface UserName {
  id: string;
  displayName: string;
  mspId: string;
  organizationName: string;
}

/**
 * The names of the users a screen shows, by id, from the identity service; an id it does not
 * know, or a failed lookup, leaves the screen showing the id as before.
 */
export function useUserNames(ids: readonly string[]): ReadonlyMap<string, UserName> {
  const wanted = [...new Set(ids)].sort().slice(0, 100);
  const key = wanted.join(',');
  const names = useAsync(
    (signal) => (key ? api<{ users: UserName[] }>(`/api/identity/users/names?ids=${encodeURIComponent(key)}`, { signal }).catch(() => ({ users: [] })) : Promise.resolve({ users: [] })),
    [key],
  );
  return new Map((names.data?.users ?? []).map((user) => [user.id, user]));
}

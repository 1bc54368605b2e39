import { isRegulator } from '@gridledger/domain';
import { IdentityError } from '../common/identity-error.ts';

/**
 * Whose users an actor may list: an admin their own organisation's (whom they manage); the
 * regulator every organisation's, since it freezes users of any of them. `null` is all of them.
 */
export function directoryScope(actor: { role: string; mspId: string }, requestedOrg: string | undefined): string | null {
  if (actor.role === 'admin') {
    if (requestedOrg && requestedOrg !== actor.mspId) throw new IdentityError('FORBIDDEN', `an admin of ${actor.mspId} cannot list users of ${requestedOrg}`);
    return actor.mspId;
  }
  if (isRegulator(actor.role, actor.mspId)) return requestedOrg ?? null;
  throw new IdentityError('FORBIDDEN', 'only an organisation admin or the regulator may list users');
}

/** A search term as a LIKE pattern that matches it anywhere, its own % and _ taken literally. */
export const containsPattern = (search: string): string => `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

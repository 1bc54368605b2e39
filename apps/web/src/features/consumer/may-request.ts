import type { AssetPolicy, Me } from '../../api/types.ts';

/**
 * Whether the asset's policy lets this user ask at all, read as the chaincode reads it (an empty
 * list of organisations means any; of roles, consumers). The form is not offered when it does not;
 * the chaincode still decides when a request is made.
 */
export function mayRequest(policy: AssetPolicy, user: Pick<Me, 'mspId' | 'role'>): 'ok' | 'organisation' | 'role' {
  if (policy.allowedOrgs.length > 0 && !policy.allowedOrgs.includes(user.mspId)) return 'organisation';
  const roles = policy.allowedRoles.length > 0 ? policy.allowedRoles : ['consumer'];
  return roles.includes(user.role) ? 'ok' : 'role';
}

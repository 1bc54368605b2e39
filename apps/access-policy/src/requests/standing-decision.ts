import type { AccessRequest, Decision } from '@gridledger/domain';

type UsersDecision = Exclude<Decision['decision'], 'expired'>;

/**
 * The caller's own decision of this kind, if it still stands: theirs is on the request and
 * nothing after it went the other way. A user whose answer was lost (a replica killed mid-request,
 * a timeout) asks again; the decision is already on chain, so the second ask answers as the first
 * did instead of "only a pending request can be decided". An owner's approval still stands when
 * the regulator approved after it; it does not once the grant was revoked.
 */
export function standingDecision(request: AccessRequest, uid: string, decision: UsersDecision): Decision | undefined {
  const mine = request.decisions.findLastIndex((d) => d.by.uid === uid && d.decision === decision);
  if (mine < 0) return undefined;
  return request.decisions.slice(mine + 1).every((d) => d.decision === decision) ? request.decisions[mine] : undefined;
}

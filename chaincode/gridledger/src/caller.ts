import type { Context } from 'fabric-contract-api';

/** Who signed the transaction, from their certificate: the chaincode trusts nothing else. */
export interface Caller {
  mspId: string;
  uid: string | null;
  role: string | null;
  /** the X.509 subject and issuer, as Fabric renders them */
  id: string;
}

export const ROLE_ATTRIBUTE = 'gridledger.role';
export const UID_ATTRIBUTE = 'gridledger.uid';

export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  return {
    mspId: identity.getMSPID(),
    uid: identity.getAttributeValue(UID_ATTRIBUTE),
    role: identity.getAttributeValue(ROLE_ATTRIBUTE),
    id: identity.getID(),
  };
}

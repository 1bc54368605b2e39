import type { Context } from 'fabric-contract-api';
import { ChaincodeError, forbidden } from './errors.ts';

export const ROLES = ['owner', 'consumer', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The organisation whose identities may supervise: freeze, unfreeze, approve sensitive shares. */
export const REGULATOR_MSP = 'RegulatorMSP';

export const ROLE_ATTRIBUTE = 'gridledger.role';
export const UID_ATTRIBUTE = 'gridledger.uid';

/** Who signed the transaction, from their certificate: the chaincode trusts nothing else. */
export interface Caller {
  mspId: string;
  uid: string | null;
  role: string | null;
  /** the X.509 subject and issuer, as Fabric renders them */
  id: string;
}

/** A caller whose certificate carries both GridLedger attributes. */
export interface PlatformUser {
  mspId: string;
  uid: string;
  role: Role;
}

export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  return {
    mspId: identity.getMSPID(),
    uid: identity.getAttributeValue(UID_ATTRIBUTE),
    role: identity.getAttributeValue(ROLE_ATTRIBUTE),
    id: identity.getID(),
  };
}

/** The caller as a platform user; identities without the attributes (node admins, peers) are refused. */
export function platformUser(ctx: Context): PlatformUser {
  const { mspId, uid, role } = callerOf(ctx);
  if (!uid || !role) {
    throw new ChaincodeError('UNAUTHENTICATED', `the caller's certificate carries no ${UID_ATTRIBUTE} and ${ROLE_ATTRIBUTE} attributes`);
  }
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new ChaincodeError('UNAUTHENTICATED', `the caller's role "${role}" is not a GridLedger role`);
  }
  return { mspId, uid, role: role as Role };
}

export function requireRole(ctx: Context, ...roles: Role[]): PlatformUser {
  const user = platformUser(ctx);
  if (!roles.includes(user.role)) throw forbidden(`this action needs the role ${roles.join(' or ')}; the caller is ${user.role}`);
  return user;
}

/** Supervision is for regulators of the regulator's organisation only: a role alone is not enough. */
export function requireRegulator(ctx: Context): PlatformUser {
  const user = requireRole(ctx, 'regulator');
  if (user.mspId !== REGULATOR_MSP) throw forbidden(`only ${REGULATOR_MSP} regulators may supervise; the caller is from ${user.mspId}`);
  return user;
}

/** A regulator for every purpose the chaincode grants regulators: the role and the regulator's MSP. */
export const isRegulator = (user: PlatformUser): boolean => user.role === 'regulator' && user.mspId === REGULATOR_MSP;

export const sameUser = (a: { mspId: string; uid: string }, b: { mspId: string; uid: string }): boolean =>
  a.mspId === b.mspId && a.uid === b.uid;

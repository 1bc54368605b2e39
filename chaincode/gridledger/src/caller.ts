import { isRegulator, isRole, REGULATOR_MSP, ROLE_ATTRIBUTE, UID_ATTRIBUTE, type Role } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { ChaincodeError, forbidden } from './errors.ts';

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
  if (!isRole(role)) {
    throw new ChaincodeError('UNAUTHENTICATED', `the caller's role "${role}" is not a GridLedger role`);
  }
  return { mspId, uid, role };
}

export function requireRole(ctx: Context, ...roles: Role[]): PlatformUser {
  const user = platformUser(ctx);
  if (!roles.includes(user.role)) throw forbidden(`this action needs the role ${roles.join(' or ')}; the caller is ${user.role}`);
  return user;
}

/** Supervision is for regulators of the regulator's organisation only: a role alone is not enough. */
export function requireRegulator(ctx: Context): PlatformUser {
  const user = requireRole(ctx, 'regulator');
  if (!isRegulator(user.role, user.mspId)) throw forbidden(`only ${REGULATOR_MSP} regulators may supervise; the caller is from ${user.mspId}`);
  return user;
}

/** A regulator for every purpose the chaincode grants regulators: the role and the regulator's MSP. */
export const isRegulatorUser = (user: PlatformUser): boolean => isRegulator(user.role, user.mspId);

export const sameUser = (a: { mspId: string; uid: string }, b: { mspId: string; uid: string }): boolean =>
  a.mspId === b.mspId && a.uid === b.uid;

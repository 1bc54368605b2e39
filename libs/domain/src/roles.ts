import { isOneOf } from './one-of.ts';

export const ROLES = ['owner', 'consumer', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = isOneOf(ROLES);

/** The organisation whose identities may supervise: freeze, unfreeze, approve sensitive shares. */
export const REGULATOR_MSP = 'RegulatorMSP';

/**
 * A regulator is the role AND the regulator's organisation: any organisation's CA can write
 * "regulator" into a certificate, so the role alone proves nothing about who supervises.
 */
export const isRegulator = (role: string | null | undefined, mspId: string | null | undefined): boolean =>
  role === 'regulator' && mspId === REGULATOR_MSP;

/** Roles an organisation may hand out: regulators exist only in the regulator's organisation. */
export const rolesOfOrganisation = (mspId: string): readonly Role[] =>
  mspId === REGULATOR_MSP ? ['regulator', 'admin'] : ROLES.filter((role) => role !== 'regulator');

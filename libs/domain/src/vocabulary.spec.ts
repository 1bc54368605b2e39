import { describe, expect, it } from 'vitest';
import {
  CHAINCODE_ERROR_CODES, CHAINCODE_ERROR_STATUS, CHAINCODE_EVENT_NAMES, isAssetCategory, isChaincodeErrorCode, isChaincodeEventName, isRegulator, isRequestStatus, isRole,
  isSensitivity, needsRegulatorApproval, REGULATOR_MSP, rolesOfOrganisation, SENSITIVITIES,
} from './index.ts';

describe('the type guards', () => {
  it('accept exactly the listed strings', () => {
    expect(isAssetCategory('load-curve')).toBe(true);
    expect(isSensitivity('critical')).toBe(true);
    expect(isRole('regulator')).toBe(true);
    expect(isRequestStatus('pending-regulator')).toBe(true);
    expect(isChaincodeEventName('AccessGranted')).toBe(true);
  });

  it('refuse near misses and non-strings', () => {
    for (const value of ['Load-Curve', 'superuser', '', undefined, null, 42, ['owner'], { role: 'owner' }]) {
      expect(isAssetCategory(value)).toBe(false);
      expect(isRole(value)).toBe(false);
      expect(isRequestStatus(value)).toBe(false);
    }
    // an inherited property name is not a code
    expect(isChaincodeErrorCode('toString')).toBe(false);
    expect(isChaincodeErrorCode('POLICY_DENIED')).toBe(true);
  });
});

describe('isRegulator', () => {
  it('needs both the regulator role and the regulator organisation', () => {
    expect(isRegulator('regulator', REGULATOR_MSP)).toBe(true);
    expect(isRegulator('regulator', 'ConsumerMSP')).toBe(false);
    expect(isRegulator('admin', REGULATOR_MSP)).toBe(false);
    expect(isRegulator(null, REGULATOR_MSP)).toBe(false);
    expect(isRegulator('regulator', undefined)).toBe(false);
  });
});

describe('rolesOfOrganisation', () => {
  it('keeps the regulator role to the regulator organisation', () => {
    expect(rolesOfOrganisation(REGULATOR_MSP)).toEqual(['regulator', 'admin']);
    expect(rolesOfOrganisation('GridMSP')).toEqual(['owner', 'consumer', 'admin']);
  });
});

describe('needsRegulatorApproval', () => {
  it('holds for sensitive and critical data only', () => {
    expect(SENSITIVITIES.filter(needsRegulatorApproval)).toEqual(['sensitive', 'critical']);
  });
});

describe('the chaincode error codes', () => {
  it('each carry a client-error status', () => {
    expect(CHAINCODE_ERROR_CODES).toContain('INSUFFICIENT_FUNDS');
    for (const code of CHAINCODE_ERROR_CODES) expect(CHAINCODE_ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
    for (const code of CHAINCODE_ERROR_CODES) expect(CHAINCODE_ERROR_STATUS[code]).toBeLessThan(500);
  });
});

describe('the chaincode event names', () => {
  it('name each event once, in PascalCase', () => {
    expect(new Set(CHAINCODE_EVENT_NAMES).size).toBe(CHAINCODE_EVENT_NAMES.length);
    for (const name of CHAINCODE_EVENT_NAMES) expect(name).toMatch(/^[A-Z][A-Za-z]+$/);
  });
});

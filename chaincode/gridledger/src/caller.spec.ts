import { actors, expectThrows } from './test-support/fixtures.ts';
import { FakeIdentity, platformIdentity } from './test-support/fabric-fake.ts';
import type { Context } from 'fabric-contract-api';
import { describe, expect, it } from 'vitest';
import { callerOf, isRegulatorUser, platformUser, requireRegulator, requireRole, sameUser } from './caller.ts';

const ctxOf = (identity: FakeIdentity) => ({ clientIdentity: identity }) as unknown as Context;

describe('callerOf', () => {
  it('reads the organisation, the GridLedger attributes and the X.509 id from the certificate', () => {
    expect(callerOf(ctxOf(actors.alice))).toEqual({ mspId: 'GridMSP', uid: 'alice', role: 'owner', id: actors.alice.getID() });
    expect(callerOf(ctxOf(actors.peer))).toEqual({ mspId: 'GridMSP', uid: null, role: null, id: actors.peer.getID() });
  });
});

describe('platformUser', () => {
  it('returns the mspId, uid and role of a platform user', () => {
    expect(platformUser(ctxOf(actors.bob))).toEqual({ mspId: 'ConsumerMSP', uid: 'bob', role: 'consumer' });
  });

  it.each([
    ['no attributes (a node identity)', actors.peer],
    ['a role but no uid', actors.noUid],
    ['a uid but no role', actors.noRole],
    ['empty attributes', new FakeIdentity('GridMSP', { 'gridledger.role': '', 'gridledger.uid': '' })],
  ])('refuses a certificate with %s as UNAUTHENTICATED', (_label, identity) => {
    expectThrows(() => platformUser(ctxOf(identity)), 'UNAUTHENTICATED', /gridledger\.uid and gridledger\.role/);
  });

  it('refuses a role that is not a GridLedger role', () => {
    expectThrows(() => platformUser(ctxOf(actors.badRole)), 'UNAUTHENTICATED', /"superuser" is not a GridLedger role/);
    expectThrows(() => platformUser(ctxOf(platformIdentity('GridMSP', 'Owner', 'alice'))), 'UNAUTHENTICATED');
  });
});

describe('requireRole', () => {
  it('passes a caller with one of the roles', () => {
    expect(requireRole(ctxOf(actors.alice), 'owner').uid).toBe('alice');
    expect(requireRole(ctxOf(actors.gridAdmin), 'owner', 'admin').role).toBe('admin');
  });

  it('refuses another role as FORBIDDEN, and a missing identity as UNAUTHENTICATED first', () => {
    expectThrows(() => requireRole(ctxOf(actors.bob), 'owner'), 'FORBIDDEN', /needs the role owner; the caller is consumer/);
    expectThrows(() => requireRole(ctxOf(actors.bob), 'owner', 'admin'), 'FORBIDDEN', /owner or admin/);
    expectThrows(() => requireRole(ctxOf(actors.peer), 'owner'), 'UNAUTHENTICATED');
  });
});

describe('requireRegulator', () => {
  it('passes a regulator of RegulatorMSP', () => {
    expect(requireRegulator(ctxOf(actors.rita))).toEqual({ mspId: 'RegulatorMSP', uid: 'rita', role: 'regulator' });
  });

  it('refuses the regulator role from another organisation, and other roles of RegulatorMSP', () => {
    expectThrows(() => requireRegulator(ctxOf(actors.rex)), 'FORBIDDEN', /only RegulatorMSP regulators may supervise; the caller is from ConsumerMSP/);
    expectThrows(() => requireRegulator(ctxOf(platformIdentity('RegulatorMSP', 'admin', 'reg-admin'))), 'FORBIDDEN', /needs the role regulator/);
    expectThrows(() => requireRegulator(ctxOf(new FakeIdentity('RegulatorMSP'))), 'UNAUTHENTICATED');
  });
});

describe('sameUser', () => {
  it('needs both the organisation and the uid to match', () => {
    expect(sameUser({ mspId: 'GridMSP', uid: 'alice' }, { mspId: 'GridMSP', uid: 'alice' })).toBe(true);
    expect(sameUser({ mspId: 'GridMSP', uid: 'alice' }, { mspId: 'ConsumerMSP', uid: 'alice' })).toBe(false);
    expect(sameUser({ mspId: 'GridMSP', uid: 'alice' }, { mspId: 'GridMSP', uid: 'oscar' })).toBe(false);
  });
});

describe('isRegulatorUser', () => {
  it('needs both the regulator role and RegulatorMSP', () => {
    expect(isRegulatorUser({ mspId: 'RegulatorMSP', uid: 'rita', role: 'regulator' })).toBe(true);
    expect(isRegulatorUser({ mspId: 'ConsumerMSP', uid: 'rex', role: 'regulator' })).toBe(false);
    expect(isRegulatorUser({ mspId: 'RegulatorMSP', uid: 'reg-admin', role: 'admin' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { FabricCaError } from './fabric-ca-error.ts';
import { enrollBody, registerBody, revokeBody } from './request-bodies.ts';

describe('enroll body', () => {
  it('carries the CSR and, only when given, the CA name and attribute requests', () => {
    expect(enrollBody('CSR', undefined, undefined)).toEqual({ certificate_request: 'CSR' });
    expect(enrollBody('CSR', 'ca-grid', [{ name: 'gridledger.role' }, { name: 'gridledger.uid', optional: true }])).toEqual({
      certificate_request: 'CSR',
      caname: 'ca-grid',
      attr_reqs: [{ name: 'gridledger.role' }, { name: 'gridledger.uid', optional: true }],
    });
  });

  it('sends an explicit empty attribute request list, which stops the CA adding default attributes', () => {
    expect(enrollBody('CSR', undefined, [])).toEqual({ certificate_request: 'CSR', attr_reqs: [] });
  });
});

describe('register body', () => {
  it('uses fabric-ca field names', () => {
    expect(
      registerBody(
        {
          enrollmentId: 'alice',
          secret: 'pw',
          type: 'client',
          affiliation: 'grid',
          maxEnrollments: -1,
          attributes: [
            { name: 'gridledger.role', value: 'owner', ecert: true },
            { name: 'gridledger.uid', value: 'u-1' },
          ],
        },
        'ca-grid',
      ),
    ).toEqual({
      id: 'alice',
      type: 'client',
      secret: 'pw',
      max_enrollments: -1,
      affiliation: 'grid',
      attrs: [
        { name: 'gridledger.role', value: 'owner', ecert: true },
        { name: 'gridledger.uid', value: 'u-1' },
      ],
      caname: 'ca-grid',
    });
  });

  it('leaves out what was not given, so the CA applies its defaults', () => {
    expect(registerBody({ enrollmentId: 'bob' }, undefined)).toEqual({ id: 'bob' });
  });

  it('refuses an empty enrollment ID and a nonsensical maxEnrollments', () => {
    expect(() => registerBody({ enrollmentId: '' }, undefined)).toThrow(FabricCaError);
    expect(() => registerBody({ enrollmentId: 'a', maxEnrollments: 1.5 }, undefined)).toThrow(/maxEnrollments/);
    expect(() => registerBody({ enrollmentId: 'a', maxEnrollments: -2 }, undefined)).toThrow(/maxEnrollments/);
  });
});

describe('revoke body', () => {
  it('lower-cases the reason, as the CA only knows lower-case names', () => {
    expect(revokeBody({ enrollmentId: 'alice', reason: 'keyCompromise' }, undefined)).toEqual({ id: 'alice', reason: 'keycompromise' });
    expect(revokeBody({ enrollmentId: 'alice' }, 'ca-grid')).toEqual({ id: 'alice', caname: 'ca-grid' });
  });

  it('refuses a reason the CA would silently turn into "unspecified"', () => {
    expect(() => revokeBody({ enrollmentId: 'alice', reason: 'fired' }, undefined)).toThrow(/Unknown revocation reason 'fired'/);
  });
});

import { FabricCaError } from './fabric-ca-error.ts';
import type { AttributeRequest, Registration, RevocationRequest } from './types.ts';

// JSON field names follow fabric-ca's api package (EnrollmentRequestNet, RegistrationRequest,
// RevocationRequest); fields are left out rather than sent empty, because for several of them
// (type, affiliation, attr_reqs) absence means "use the default" on the server.

export function enrollBody(csrPem: string, caName: string | undefined, attributeRequests: AttributeRequest[] | undefined): object {
  return {
    certificate_request: csrPem,
    ...(caName !== undefined && { caname: caName }),
    ...(attributeRequests !== undefined && {
      attr_reqs: attributeRequests.map((a) => ({ name: a.name, ...(a.optional === true && { optional: true }) })),
    }),
  };
}

export function registerBody(registration: Registration, caName: string | undefined): object {
  requireEnrollmentId(registration.enrollmentId);
  const { maxEnrollments } = registration;
  if (maxEnrollments !== undefined && !(Number.isInteger(maxEnrollments) && maxEnrollments >= -1)) {
    throw new FabricCaError('CA_INVALID_ARGUMENT', 'maxEnrollments must be an integer of -1 (unlimited) or more.');
  }
  return {
    id: registration.enrollmentId,
    ...(registration.type !== undefined && { type: registration.type }),
    ...(registration.secret !== undefined && { secret: registration.secret }),
    ...(maxEnrollments !== undefined && { max_enrollments: maxEnrollments }),
    ...(registration.affiliation !== undefined && { affiliation: registration.affiliation }),
    ...(registration.attributes !== undefined && {
      attrs: registration.attributes.map((a) => ({ name: a.name, value: a.value, ...(a.ecert === true && { ecert: true }) })),
    }),
    ...(caName !== undefined && { caname: caName }),
  };
}

/** The reason names fabric-ca understands (lib/serverrevoke.go); it silently treats any other as "unspecified". */
export const REVOCATION_REASONS = [
  'unspecified',
  'keycompromise',
  'cacompromise',
  'affiliationchanged',
  'superseded',
  'cessationofoperation',
  'certificatehold',
  'removefromcrl',
  'privilegewithdrawn',
  'aacompromise',
] as const;

export function revokeBody(request: RevocationRequest, caName: string | undefined): object {
  requireEnrollmentId(request.enrollmentId);
  const reason = request.reason?.toLowerCase();
  if (reason !== undefined && !(REVOCATION_REASONS as readonly string[]).includes(reason)) {
    throw new FabricCaError('CA_INVALID_ARGUMENT', `Unknown revocation reason '${request.reason}'; use one of ${REVOCATION_REASONS.join(', ')}.`);
  }
  return {
    id: request.enrollmentId,
    ...(reason !== undefined && { reason }),
    ...(caName !== undefined && { caname: caName }),
  };
}

export function requireEnrollmentId(enrollmentId: string): void {
  if (typeof enrollmentId !== 'string' || enrollmentId.length === 0) {
    throw new FabricCaError('CA_INVALID_ARGUMENT', 'An enrollment ID is required.');
  }
}

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ROLE_ATTRIBUTE, UID_ATTRIBUTE, type Role } from '@gridledger/domain';
import { FabricCaClient, type Enrollment } from '@gridledger/fabric-ca-client';
import { organization } from './stack-connections.ts';

/** A platform user's own Fabric identity, enrolled at their organisation's CA. */
export interface TestIdentity extends Enrollment {
  mspId: string;
  uid: string;
  role: Role;
  enrollmentId: string;
}

const registrars = new Map<string, Promise<Enrollment>>();

function caClient(mspId: string): FabricCaClient {
  const org = organization(mspId);
  return new FabricCaClient({ url: org.ca.url, caName: org.ca.caName, tls: { trustedRootsPem: readFileSync(org.ca.tlsRootCertPath, 'utf8') } });
}

function registrar(mspId: string): Promise<Enrollment> {
  let enrollment = registrars.get(mspId);
  if (!enrollment) {
    const { registrar: admin } = organization(mspId).ca;
    enrollment = caClient(mspId).enroll(admin.enrollmentId, admin.secret);
    registrars.set(mspId, enrollment);
  }
  return enrollment;
}

/**
 * Registers a fresh user at the org's Fabric CA with `gridledger.role` and `gridledger.uid`
 * in the enrolment certificate, and enrols them: what the identity service will do per user.
 */
export async function enrollTestIdentity(mspId: string, role: Role, uid = `${role}-${randomUUID()}`): Promise<TestIdentity> {
  const client = caClient(mspId);
  const enrollmentId = `${uid}`;
  const enrollment = await client.registerAndEnroll(await registrar(mspId), {
    enrollmentId,
    type: 'client',
    maxEnrollments: 1,
    attributes: [
      { name: ROLE_ATTRIBUTE, value: role, ecert: true },
      { name: UID_ATTRIBUTE, value: uid, ecert: true },
    ],
  });
  return { ...enrollment, mspId, uid, role, enrollmentId };
}

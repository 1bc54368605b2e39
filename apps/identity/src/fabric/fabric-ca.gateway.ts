import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { ROLE_ATTRIBUTE, UID_ATTRIBUTE } from '@gridledger/domain';
import { FabricCaClient, FabricCaError, type Enrollment } from '@gridledger/fabric-ca-client';
import { IdentityError } from '../common/identity-error.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';

/** Each organisation's Fabric CA, reached with that CA's registrar. */
@Injectable()
export class FabricCaGateway {
  private readonly registrars = new Map<string, Promise<Enrollment>>();

  constructor(@Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig) {}

  private org(mspId: string) {
    const org = this.config.fabricOrganizations.find((o) => o.mspId === mspId);
    if (!org) throw new IdentityError('INVALID_ARGUMENT', `organisation ${mspId} has no Fabric CA configured`);
    const client = new FabricCaClient({ url: org.ca.url, caName: org.ca.caName, tls: { trustedRootsPem: readFileSync(org.ca.tlsRootCertPath, 'utf8') } });
    return { org, client };
  }

  private registrar(mspId: string): Promise<Enrollment> {
    let registrar = this.registrars.get(mspId);
    if (!registrar) {
      const { org, client } = this.org(mspId);
      registrar = client.enroll(org.ca.registrar.enrollmentId, org.ca.registrar.secret);
      registrar.catch(() => this.registrars.delete(mspId));
      this.registrars.set(mspId, registrar);
    }
    return registrar;
  }

  /** Registers and enrols a user whose certificate carries the role and uid attributes the chaincode reads. */
  async enrollUser(mspId: string, enrollmentId: string, uid: string, role: string): Promise<Enrollment> {
    try {
      const { client } = this.org(mspId);
      return await client.registerAndEnroll(await this.registrar(mspId), {
        enrollmentId,
        type: 'client',
        maxEnrollments: 1,
        attributes: [
          { name: ROLE_ATTRIBUTE, value: role, ecert: true },
          { name: UID_ATTRIBUTE, value: uid, ecert: true },
        ],
      });
    } catch (error) {
      throw this.unavailable(error, mspId);
    }
  }

  /** Suspension withdraws the user's privileges at the CA (RFC 5280 reason privilegewithdrawn). */
  async revoke(mspId: string, enrollmentId: string): Promise<void> {
    try {
      const { client } = this.org(mspId);
      await client.revoke(await this.registrar(mspId), { enrollmentId, reason: 'privilegewithdrawn' });
    } catch (error) {
      throw this.unavailable(error, mspId);
    }
  }

  private unavailable(error: unknown, mspId: string): IdentityError {
    if (error instanceof IdentityError) return error;
    const code = error instanceof FabricCaError ? error.code : 'unknown';
    return new IdentityError('CA_UNAVAILABLE', `the Fabric CA of ${mspId} refused or could not be reached (${code})`);
  }
}

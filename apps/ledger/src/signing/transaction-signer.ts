import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signers } from '@hyperledger/fabric-gateway';
import type { Organization } from '../fabric/organizations.ts';
import type { IdentityClient } from './identity-client.ts';

/** Who signs a transaction: their certificate, and a way to sign a digest in their name. */
export interface TransactionSigner {
  mspId: string;
  certificate: Uint8Array;
  /** `purpose` is written to the identity service's signature log */
  sign(digest: Uint8Array, purpose: string): Promise<Uint8Array>;
}

/** The ledger service's own identity in an organisation: signs locally. */
export function serviceSigner(org: Organization): TransactionSigner {
  const sign = signers.newPrivateKeySigner(createPrivateKey(readFileSync(org.serviceKey)));
  return { mspId: org.mspId, certificate: readFileSync(org.serviceCert), sign: (digest) => sign(digest) };
}

const CERTIFICATE_TTL_MS = 60_000;

/**
 * Signers for platform users, through the identity service. Certificates are cached briefly;
 * the identity service checks the user's status on every signature, so a suspension takes
 * effect at once even while a certificate is cached.
 */
export class UserSigners {
  private readonly certificates = new Map<string, { mspId: string; certificate: Uint8Array; until: number }>();

  constructor(private readonly identity: IdentityClient) {}

  async forUser(userId: string): Promise<TransactionSigner> {
    let cached = this.certificates.get(userId);
    if (!cached || cached.until < Date.now()) {
      const found = await this.identity.fabricIdentity(userId);
      cached = { mspId: found.mspId, certificate: Buffer.from(found.certificatePem), until: Date.now() + CERTIFICATE_TTL_MS };
      this.certificates.set(userId, cached);
    }
    return { mspId: cached.mspId, certificate: cached.certificate, sign: (digest, purpose) => this.identity.sign(userId, digest, purpose) };
  }
}

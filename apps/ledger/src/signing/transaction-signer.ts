import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signFabricMessage } from '@gridledger/service-auth';
import type { Organization } from '../fabric/organizations.ts';
import type { IdentityClient, SigningProof } from './identity-client.ts';

/**
 * Who signs a transaction: their certificate, and a way to sign what Fabric asks them to. The
 * signer gets the gateway's serialized object, so a signer elsewhere (the identity service) can
 * read what it signs, and `message`, the bytes a signature covers (the gateways are connected
 * with `hash.none`, so this is the message itself, not its digest), for a signer holding the key here.
 */
export interface TransactionSigner {
  mspId: string;
  certificate: Uint8Array;
  /** a proposal: fabric-gateway's serialized ProposedTransaction */
  signProposal(proposal: Uint8Array, message: Uint8Array): Promise<Uint8Array>;
  /** an endorsed transaction: fabric-gateway's serialized PreparedTransaction */
  signTransaction(transaction: Uint8Array, message: Uint8Array): Promise<Uint8Array>;
}

/**
 * The ledger service's own identity in an organisation: signs locally. Whether a command may be
 * signed with it is decided before (the attestation table), not here.
 */
export function serviceSigner(org: Organization): TransactionSigner {
  const key = createPrivateKey(readFileSync(org.serviceKey));
  const sign = async (message: Uint8Array) => signFabricMessage(key, message);
  return { mspId: org.mspId, certificate: readFileSync(org.serviceCert), signProposal: (_bytes, message) => sign(message), signTransaction: (_bytes, message) => sign(message) };
}

const CERTIFICATE_TTL_MS = 60_000;

/**
 * Signers for platform users, through the identity service, each for one command or read and its
 * proof (an attestation, or the user's own access token). Certificates are cached for a minute,
 * and hundreds of commands of one user arriving together share one lookup; the identity service
 * checks the user's status and the proof on every signature.
 */
export class UserSigners {
  private readonly certificates = new Map<string, { found: Promise<{ mspId: string; certificate: Uint8Array }>; until: number }>();

  constructor(private readonly identity: IdentityClient) {}

  async forUser(userId: string, proof: SigningProof): Promise<TransactionSigner> {
    let cached = this.certificates.get(userId);
    if (!cached || cached.until < Date.now()) {
      const found = this.identity.fabricIdentity(userId).then((identity) => ({ mspId: identity.mspId, certificate: Buffer.from(identity.certificatePem) }));
      cached = { found, until: Date.now() + CERTIFICATE_TTL_MS };
      this.certificates.set(userId, cached);
      // a failed lookup is not remembered
      found.catch(() => this.certificates.get(userId) === cached && this.certificates.delete(userId));
    }
    const { mspId, certificate } = await cached.found;
    return {
      mspId,
      certificate,
      signProposal: (bytes) => this.identity.sign({ userId, kind: 'proposal', bytes, ...proof }),
      signTransaction: (bytes) => this.identity.sign({ userId, kind: 'transaction', bytes, ...proof }),
    };
  }
}

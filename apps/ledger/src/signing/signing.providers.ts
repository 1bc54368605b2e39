import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LedgerFabric } from '../fabric/ledger-fabric.ts';
import { IdentityClient, type SigningProof } from './identity-client.ts';
import { serviceSigner, UserSigners, type TransactionSigner } from './transaction-signer.ts';

/**
 * Every signer the service uses, shared by commands and queries: one certificate cache for
 * users, and each organisation's service key read once rather than on every request.
 */
@Injectable()
export class LedgerSigners {
  private readonly users: UserSigners;
  /** the identity service's internal API, shared by users' signers and the attestation receipts */
  readonly identity: IdentityClient;
  private readonly services = new Map<string, TransactionSigner>();

  constructor(
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
    private readonly fabric: LedgerFabric,
  ) {
    this.identity = new IdentityClient(config.LEDGER_IDENTITY_URL, config.auth.credential);
    this.users = new UserSigners(this.identity);
  }

  /** A platform user: signatures through the identity service, which holds their key and checks the proof. */
  forUser(userId: string, proof: SigningProof): Promise<TransactionSigner> {
    return this.users.forUser(userId, proof);
  }

  /** The ledger's own identity (role admin) in an organisation; throws for an unconfigured one. */
  forService(mspId: string): TransactionSigner {
    let signer = this.services.get(mspId);
    if (!signer) {
      signer = serviceSigner(this.fabric.peers.organization(mspId));
      this.services.set(mspId, signer);
    }
    return signer;
  }
}

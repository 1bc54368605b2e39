import { createPrivateKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { signers } from '@hyperledger/fabric-gateway';
import { decodePreparedTransaction, decodeProposedTransaction, UndecodableError, type DecodedSignable, type PrincipalName } from '@gridledger/service-auth';
import { IdentityError, type IdentityErrorCode } from '../common/identity-error.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';
import { MasterKeyWrapper } from '../custody/master-key-wrapper.ts';
import type { UserEntity } from '../database/entities.ts';
import { AccessTokenService } from '../tokens/access-token.service.ts';
import { fabricKeyContext, UsersService } from '../users/users.service.ts';
import type { SignatureRequest } from './signature-request.ts';
import { SignatureLog, type SignatureLogEntry } from './signature-log.ts';
import { decideSigning } from './signing-policy.ts';

/**
 * Signs Fabric proposals and transactions with a user's key, so the ledger service can submit
 * as that user while the key never leaves this service. It reads what it signs: the bytes are
 * decoded here, must be made out for the user, and must carry out a call the user asked for (an
 * attestation, or for a query the user's own access token). Every signature and every refusal
 * is logged and published.
 */
@Injectable()
export class SigningService {
  constructor(
    private readonly users: UsersService,
    private readonly wrapper: MasterKeyWrapper,
    private readonly accessTokens: AccessTokenService,
    private readonly signatures: SignatureLog,
    @Inject(IDENTITY_CONFIG) private readonly config: Pick<IdentityConfig, 'serviceKeys'>,
  ) {}

  async identity(userId: string) {
    const user = await this.users.byId(userId);
    return { userId: user.id, mspId: user.mspId, certificatePem: user.certificatePem, status: user.status };
  }

  async sign(request: SignatureRequest, requestedBy: PrincipalName): Promise<{ signature: string; txId: string }> {
    const entry: SignatureLogEntry = { outcome: 'refused', code: null, requestedBy, userId: request.userId, kind: request.kind, function: null, txId: null, commandId: request.commandId ?? null, attestedBy: null, digest: null };
    let call: DecodedSignable;
    try {
      const bytes = Buffer.from(request.bytes, 'base64');
      call = request.kind === 'proposal' ? decodeProposedTransaction(bytes) : decodePreparedTransaction(bytes);
    } catch (error) {
      if (error instanceof UndecodableError) throw await this.refuse(entry, 'UNDECODABLE', `the ${request.kind} cannot be read: ${error.message}`);
      throw error;
    }
    Object.assign(entry, { function: `${call.contract}:${call.transaction}`, txId: call.txId, digest: call.digest });

    let user: UserEntity;
    try {
      user = await this.users.byId(request.userId);
    } catch (error) {
      if (error instanceof IdentityError && error.code === 'NOT_FOUND') throw await this.refuse(entry, 'NOT_FOUND', error.message);
      throw error;
    }
    const decision = await decideSigning(request.kind, call, user, request, { registry: this.config.serviceKeys, accessTokenSubject: (token) => this.accessTokenSubject(token) });
    if (!decision.allowed) throw await this.refuse(entry, decision.code, decision.message);

    const privateKey = createPrivateKey(this.wrapper.unwrap(user.fabricKeyWrapped, fabricKeyContext(user)).toString());
    // fabric-gateway's signer: ECDSA P-256 over the decoder's digest, low-S, DER, as the peers require
    const signature = await signers.newPrivateKeySigner(privateKey)(call.digest);
    // logged before it is handed out: no signature leaves without its record
    await this.signatures.record({ ...entry, outcome: 'signed', attestedBy: decision.attestedBy, commandId: decision.commandId ?? entry.commandId });
    return { signature: Buffer.from(signature).toString('base64'), txId: call.txId };
  }

  private async refuse(entry: SignatureLogEntry, code: IdentityErrorCode, message: string): Promise<IdentityError> {
    await this.signatures.record({ ...entry, outcome: 'refused', code, message });
    return new IdentityError(code, message);
  }

  /** The user a valid access token of ours names; null for anything else (never an error: the caller only loses this proof). */
  private async accessTokenSubject(token: string): Promise<string | null> {
    try {
      return (await this.accessTokens.verify(token)).sub;
    } catch (error) {
      if (error instanceof IdentityError) return null;
      throw error;
    }
  }
}

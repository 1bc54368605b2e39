import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { decodePreparedTransaction, decodeProposedTransaction, signFabricMessage, UndecodableError, type DecodedSignable, type PrincipalName } from '@gridledger/service-auth';
import { IdentityError, type IdentityErrorCode } from '../common/identity-error.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';
import { MasterKeyWrapper } from '../custody/master-key-wrapper.ts';
import type { UserEntity } from '../database/entities.ts';
import { AccessTokenService } from '../tokens/access-token.service.ts';
import { fabricKeyContext, UsersService } from '../users/users.service.ts';
import { AttestationReceipts } from './attestation-receipts.ts';
import type { SignatureRequest } from './signature-request.ts';
import { SignatureLog, type SignatureLogEntry } from './signature-log.ts';
import { decideSigning } from './signing-policy.ts';

/** Where a signature's user, key and attestation receipt come from: the database each time, or once per batch. */
interface SigningMemo {
  user(id: string): Promise<UserEntity>;
  key(user: UserEntity): KeyObject;
  /** when the request's attestation was received while valid, if it was */
  receivedAt(request: SignatureRequest): Promise<Date | undefined>;
}

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
    private readonly receipts: AttestationReceipts,
    @Inject(IDENTITY_CONFIG) private readonly config: Pick<IdentityConfig, 'serviceKeys'>,
  ) {}

  async identity(userId: string) {
    const user = await this.users.byId(userId);
    return { userId: user.id, mspId: user.mspId, certificatePem: user.certificatePem, status: user.status };
  }

  /**
   * Many requests, each decided and logged on its own. The user's record is read, and their key
   * unsealed, once per user in the batch (a burst of one user's commands), not once per request.
   */
  async signMany(requests: readonly SignatureRequest[], requestedBy: PrincipalName): Promise<({ signature: string; txId: string } | { error: IdentityError })[]> {
    const received = await this.receipts.receivedAt(requests.flatMap(({ attestation, userId }) => (attestation ? [{ attestation, userId }] : [])));
    const users = new Map<string, Promise<UserEntity>>();
    const keys = new Map<string, KeyObject>();
    const memo: SigningMemo = {
      user: (id) => {
        let user = users.get(id);
        if (!user) users.set(id, (user = this.users.byId(id)));
        return user;
      },
      key: (user) => {
        let key = keys.get(user.id);
        if (!key) keys.set(user.id, (key = this.privateKey(user)));
        return key;
      },
      receivedAt: async ({ attestation }) => (attestation ? received.get(attestation) : undefined),
    };
    return Promise.all(
      requests.map(async (one) => {
        try {
          return await this.sign(one, requestedBy, memo);
        } catch (error) {
          // a refusal is one item's answer; anything else (the database down) fails the whole call
          if (!(error instanceof IdentityError)) throw error;
          return { error };
        }
      }),
    );
  }

  async sign(request: SignatureRequest, requestedBy: PrincipalName, memo: SigningMemo = this.singleMemo()): Promise<{ signature: string; txId: string }> {
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
      user = await memo.user(request.userId);
    } catch (error) {
      if (error instanceof IdentityError && error.code === 'NOT_FOUND') throw await this.refuse(entry, 'NOT_FOUND', error.message);
      throw error;
    }
    // a command received while its attestation was valid is judged as of that receipt
    const receivedAt = await memo.receivedAt(request);
    const decision = await decideSigning(request.kind, call, user, request, { registry: this.config.serviceKeys, accessTokenSubject: (token) => this.accessTokenSubject(token), ...(receivedAt ? { now: receivedAt } : {}) });
    if (!decision.allowed) throw await this.refuse(entry, decision.code, decision.message);

    const signature = signFabricMessage(memo.key(user), call.message);
    // logged before it is handed out: no signature leaves without its record
    await this.signatures.record({ ...entry, outcome: 'signed', attestedBy: decision.attestedBy, commandId: decision.commandId ?? entry.commandId });
    return { signature: Buffer.from(signature).toString('base64'), txId: call.txId };
  }

  private singleMemo(): SigningMemo {
    return {
      user: (id) => this.users.byId(id),
      key: (user) => this.privateKey(user),
      receivedAt: async ({ attestation, userId }) => (attestation ? (await this.receipts.receivedAt([{ attestation, userId }])).get(attestation) : undefined),
    };
  }

  private privateKey(user: UserEntity): KeyObject {
    return createPrivateKey(this.wrapper.unwrap(user.fabricKeyWrapped, fabricKeyContext(user)).toString());
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

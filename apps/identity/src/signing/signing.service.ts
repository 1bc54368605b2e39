import { createPrivateKey, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { signers } from '@hyperledger/fabric-gateway';
import { Repository } from 'typeorm';
import { IdentityError } from '../common/identity-error.ts';
import { MasterKeyWrapper } from '../custody/master-key-wrapper.ts';
import { SignatureLogEntity } from '../database/entities.ts';
import { fabricKeyContext, UsersService } from '../users/users.service.ts';

/**
 * Signs digests with a user's Fabric key so the ledger service can submit transactions as
 * that user (Fabric Gateway offline signing) while the key never leaves this service.
 * Every signature is logged with what was signed and for whom.
 */
@Injectable()
export class SigningService {
  private readonly logger = new Logger(SigningService.name);

  constructor(
    private readonly users: UsersService,
    private readonly wrapper: MasterKeyWrapper,
    @InjectRepository(SignatureLogEntity) private readonly log: Repository<SignatureLogEntity>,
  ) {}

  async identity(userId: string) {
    const user = await this.users.byId(userId);
    return { userId: user.id, mspId: user.mspId, certificatePem: user.certificatePem, status: user.status };
  }

  async sign(userId: string, digest: Buffer, purpose: string, requestedBy: string) {
    const user = await this.users.byId(userId);
    if (user.status !== 'active') throw new IdentityError('USER_SUSPENDED', `user ${user.id} is suspended; their key signs nothing`);
    const privateKey = createPrivateKey(this.wrapper.unwrap(user.fabricKeyWrapped, fabricKeyContext(user)).toString());
    // fabric-gateway's signer: ECDSA P-256 over the digest, low-S, DER, as the peers require
    const signature = await signers.newPrivateKeySigner(privateKey)(digest);
    await this.log.insert({ id: randomUUID(), userId: user.id, digestHex: digest.toString('hex'), purpose, requestedBy });
    this.logger.log(`signed ${purpose} for ${user.id} (digest ${digest.toString('hex').slice(0, 16)}…) at the request of ${requestedBy}`);
    return { userId: user.id, mspId: user.mspId, certificatePem: user.certificatePem, signature: Buffer.from(signature).toString('base64') };
  }
}

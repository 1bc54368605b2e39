import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { Repository } from 'typeorm';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';
import { MasterKeyWrapper } from '../custody/master-key-wrapper.ts';
import { SigningKeyEntity } from '../database/entities.ts';

export const JWT_ALGORITHM = 'ES256';

/**
 * The JWT signing keys. The newest signs; a key replaced by rotation stays in the JWKS until
 * every token it signed has expired, so rotating logs nobody out.
 */
@Injectable()
export class SigningKeysService {
  constructor(
    @InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>,
    private readonly wrapper: MasterKeyWrapper,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  private async published(): Promise<SigningKeyEntity[]> {
    const now = Date.now();
    return (await this.keys.find({ order: { createdAt: 'DESC' } })).filter((k) => !k.retireAfter || k.retireAfter.getTime() > now);
  }

  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(JWT_ALGORITHM, { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: JWT_ALGORITHM, use: 'sig' };
    const privateJwk = await exportJWK(privateKey);
    // the outgoing keys keep verifying until the longest-lived token they signed has expired
    const retireAfter = new Date(Date.now() + this.config.jwt.accessTtlSeconds * 1000);
    await this.keys.manager.transaction(async (tx) => {
      await tx.createQueryBuilder().update(SigningKeyEntity).set({ retireAfter }).where('retire_after is null').execute();
      await tx.insert(SigningKeyEntity, {
        kid,
        publicJwk,
        privateJwkWrapped: this.wrapper.wrap(Buffer.from(JSON.stringify(privateJwk)), `jwt-key:${kid}`),
        retireAfter: null,
      });
    });
    return kid;
  }

  /** The current signing key, creating the first one on a fresh database. */
  async current(): Promise<{ kid: string; key: CryptoKey }> {
    let newest = (await this.published())[0];
    if (!newest || newest.retireAfter) {
      await this.rotate();
      newest = (await this.published())[0];
    }
    if (!newest) throw new Error('no JWT signing key could be created');
    const jwk = JSON.parse(this.wrapper.unwrap(newest.privateJwkWrapped, `jwt-key:${newest.kid}`).toString()) as JWK;
    return { kid: newest.kid, key: (await importJWK(jwk, JWT_ALGORITHM)) as CryptoKey };
  }

  /** Reseals every signing key under the current master key; returns how many were resealed. */
  async rewrap(): Promise<number> {
    let count = 0;
    for (const key of await this.keys.find()) {
      const resealed = this.wrapper.rewrap(key.privateJwkWrapped, `jwt-key:${key.kid}`);
      if (!resealed) continue;
      await this.keys.update({ kid: key.kid }, { privateJwkWrapped: resealed });
      count++;
    }
    return count;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: (await this.published()).map((k) => k.publicJwk as JWK) };
  }
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { IdentityError } from '../common/identity-error.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';
import { RefreshTokenEntity } from '../database/entities.ts';

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Opaque refresh tokens, stored only as hashes. Each use spends the token and issues the next
 * one of the same family; presenting a spent token again means it was stolen, so the whole
 * family is revoked.
 */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async issue(userId: string, familyId: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.tokens.insert({
      id: randomUUID(),
      userId,
      familyId,
      tokenHash: hash(token),
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
      revokedAt: null,
    });
    return token;
  }

  /** Spends a refresh token; returns the user it belongs to and its successor. */
  async rotate(token: string): Promise<{ userId: string; refreshToken: string }> {
    const stored = await this.tokens.findOneBy({ tokenHash: hash(token) });
    if (!stored) throw new IdentityError('INVALID_TOKEN', 'the refresh token is not valid');
    if (stored.revokedAt) {
      await this.tokens.update({ familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
      throw new IdentityError('INVALID_TOKEN', 'the refresh token was already used; every session from that sign-in is now closed');
    }
    if (stored.expiresAt.getTime() <= Date.now()) throw new IdentityError('INVALID_TOKEN', 'the refresh token has expired');
    const spent = await this.tokens.update({ id: stored.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (spent.affected !== 1) throw new IdentityError('INVALID_TOKEN', 'the refresh token was already used');
    return { userId: stored.userId, refreshToken: await this.issue(stored.userId, stored.familyId) };
  }

  async revoke(token: string): Promise<void> {
    await this.tokens.update({ tokenHash: hash(token), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AuthService, type TokenPair } from '../auth/auth.service.ts';
import { IdentityError } from '../common/identity-error.ts';
import { PasswordResetTokenEntity, RefreshTokenEntity, UserEntity } from '../database/entities.ts';
import { hashPassword, passwordWeakness } from '../passwords/password-hasher.ts';
import { UsersService } from '../users/users.service.ts';
import { hashResetToken, newResetToken, resetTokenRefusal, RESET_TOKEN_TTL_SECONDS } from './reset-token.ts';

/** Passwords changed by their users or reset through an admin, and display names. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly userRows: Repository<UserEntity>,
    @InjectRepository(PasswordResetTokenEntity) private readonly resetTokens: Repository<PasswordResetTokenEntity>,
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  private static refuseWeak(password: string, username: string): void {
    const weakness = passwordWeakness(password, username);
    if (weakness) throw new IdentityError('WEAK_PASSWORD', weakness);
  }

  /**
   * A signed-in user's new password. Every session of theirs closes (whoever else holds a refresh
   * token loses it); the one that changed it gets a fresh pair so its owner stays signed in.
   */
  async changePassword(user: UserEntity, currentPassword: string, newPassword: string): Promise<TokenPair> {
    if (!(await this.auth.passwordMatches(user, currentPassword))) throw new IdentityError('WRONG_PASSWORD', 'the current password is wrong');
    AccountsService.refuseWeak(newPassword, user.username);
    if (newPassword === currentPassword) throw new IdentityError('WEAK_PASSWORD', 'the new password must differ from the current one');
    const passwordHash = await hashPassword(newPassword);
    await this.userRows.manager.transaction(async (tx) => {
      await tx.update(UserEntity, { id: user.id }, { passwordHash });
      await tx.update(RefreshTokenEntity, { userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    });
    this.logger.log(`${user.username} (${user.id}) changed their password; their other sessions are closed`);
    return this.auth.issueTokens(user);
  }

  /**
   * An admin's one-time reset token for a user of their organisation. The token is answered once
   * and only its hash is kept; an unspent older token for the same user is spent by the new one.
   */
  async issueReset(actor: UserEntity, userId: string): Promise<{ userId: string; token: string; expiresAt: Date }> {
    const user = await this.users.byId(userId);
    this.users.requireAdminOf(actor, user.mspId);
    const { token, tokenHash } = newResetToken();
    const expiresAt = new Date(Date.now() + RESET_TOKEN_TTL_SECONDS * 1000);
    await this.resetTokens.manager.transaction(async (tx) => {
      await tx.update(PasswordResetTokenEntity, { userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
      await tx.insert(PasswordResetTokenEntity, { id: randomUUID(), userId: user.id, tokenHash, issuedBy: actor.id, expiresAt, usedAt: null });
    });
    this.logger.log(`${actor.username} issued a password reset for ${user.username} (${user.id}), valid until ${expiresAt.toISOString()}`);
    return { userId: user.id, token, expiresAt };
  }

  /**
   * Sets a password with a reset token, without a session. The token is spent in the same
   * transaction as the password is set, and only if nobody spent it first; a weak password spends
   * nothing. The lockout ends and every session closes.
   */
  async redeemReset(token: string, newPassword: string): Promise<void> {
    const stored = await this.resetTokens.findOneBy({ tokenHash: hashResetToken(token) });
    if (!stored) throw new IdentityError('RESET_TOKEN_INVALID', 'this reset token is not valid; check that it was copied whole');
    const refusal = resetTokenRefusal(stored, new Date());
    if (refusal) throw new IdentityError(refusal.code, refusal.message);
    const user = await this.users.byId(stored.userId);
    AccountsService.refuseWeak(newPassword, user.username);
    const passwordHash = await hashPassword(newPassword);
    await this.userRows.manager.transaction(async (tx) => {
      const spent = await tx.update(PasswordResetTokenEntity, { id: stored.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (spent.affected !== 1) throw new IdentityError('RESET_TOKEN_USED', 'this reset token was already used or replaced by a newer one; ask your admin for a new one');
      await tx.update(UserEntity, { id: user.id }, { passwordHash, failedLogins: 0, lockedUntil: null });
      await tx.update(RefreshTokenEntity, { userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    });
    this.logger.log(`${user.username} (${user.id}) set a new password with a reset token issued by ${stored.issuedBy}`);
  }

  /** A user renames themselves; an admin renames a user of their organisation. */
  async setDisplayName(actor: UserEntity, userId: string, displayName: string): Promise<UserEntity> {
    const user = await this.users.byId(userId);
    if (user.id !== actor.id) this.users.requireAdminOf(actor, user.mspId);
    await this.userRows.update({ id: user.id }, { displayName });
    return this.users.byId(user.id);
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { IdentityError } from '../common/identity-error.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';
import { UserEntity } from '../database/entities.ts';
import { verifyAgainstDecoy, verifyPassword } from '../passwords/password-hasher.ts';
import { AccessTokenService } from '../tokens/access-token.service.ts';
import { RefreshTokenService } from '../tokens/refresh-token.service.ts';
import { UsersService } from '../users/users.service.ts';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    @InjectRepository(UserEntity) private readonly userRows: Repository<UserEntity>,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** A fresh pair for a user: at sign-in, and for the session that just changed its password. */
  async issueTokens(user: UserEntity, refreshToken?: string): Promise<TokenPair> {
    const { accessToken, expiresIn } = await this.accessTokens.issue({ sub: user.id, org: user.mspId, role: user.role, username: user.username });
    return { accessToken, refreshToken: refreshToken ?? (await this.refreshTokens.issue(user.id)), tokenType: 'Bearer', expiresIn };
  }

  /**
   * Password sign-in. Consecutive failures lock the account for a while; an unknown username
   * costs the same time as a known one, so the answer reveals nothing about which exist.
   */
  async login(username: string, password: string): Promise<TokenPair> {
    const user = await this.users.findByUsername(username);
    if (!user) {
      await verifyAgainstDecoy(password);
      throw new IdentityError('INVALID_CREDENTIALS', 'the username or password is wrong');
    }
    if (!(await this.passwordMatches(user, password))) throw new IdentityError('INVALID_CREDENTIALS', 'the username or password is wrong');
    if (user.status !== 'active') throw new IdentityError('USER_SUSPENDED', 'this account is suspended');
    return this.issueTokens(user);
  }

  /**
   * Checks a known user's password. Every wrong one counts toward the lockout, whether at sign-in
   * or when a signed-in user changes their password: a stolen access token must not become an
   * unlimited guessing oracle for the password behind it.
   */
  async passwordMatches(user: UserEntity, password: string): Promise<boolean> {
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      throw new IdentityError('ACCOUNT_LOCKED', `too many failed sign-ins; try again after ${user.lockedUntil.toISOString()}`);
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failures = user.failedLogins + 1;
      const lock = failures >= this.config.login.maxFailures;
      await this.userRows.update({ id: user.id }, lock
        ? { failedLogins: 0, lockedUntil: new Date(Date.now() + this.config.login.lockoutSeconds * 1000) }
        : { failedLogins: failures });
      if (lock) this.logger.warn(`locked ${user.username} (${user.id}) after ${failures} failed sign-ins`);
      return false;
    }
    if (user.failedLogins > 0 || user.lockedUntil) await this.userRows.update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
    return true;
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const { userId, refreshToken: next } = await this.refreshTokens.rotate(refreshToken);
    const user = await this.users.byId(userId);
    if (user.status !== 'active') {
      await this.refreshTokens.revokeAllFor(user.id);
      throw new IdentityError('USER_SUSPENDED', 'this account is suspended');
    }
    return this.issueTokens(user, next);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revoke(refreshToken);
  }

  /** The user behind a bearer token, who must still be active: suspension takes effect at once. */
  async authenticate(authorization: string | undefined): Promise<UserEntity> {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new IdentityError('UNAUTHENTICATED', 'send an access token as "Authorization: Bearer <token>"');
    const claims = await this.accessTokens.verify(token);
    const user = await this.users.byId(claims.sub).catch(() => {
      throw new IdentityError('INVALID_TOKEN', 'the access token names no user');
    });
    if (user.status !== 'active') throw new IdentityError('USER_SUSPENDED', 'this account is suspended');
    return user;
  }
}

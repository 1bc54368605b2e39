import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IDENTITY_TOPICS } from '@gridledger/contracts';
import { rolesOfOrganisation } from '@gridledger/domain';
import { Repository } from 'typeorm';
import { IdentityError } from '../common/identity-error.ts';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';
import { newEncryptionKeyPair, parseX25519PublicKey } from '../custody/key-pairs.ts';
import { MasterKeyWrapper } from '../custody/master-key-wrapper.ts';
import { OrganizationEntity, UserEntity } from '../database/entities.ts';
import { FabricCaGateway } from '../fabric/fabric-ca.gateway.ts';
import { writeEvent } from '../outbox/outbox.writer.ts';
import { hashPassword, passwordWeakness } from '../passwords/password-hasher.ts';
import { RefreshTokenService } from '../tokens/refresh-token.service.ts';
import type { OnboardUser } from './user-input.ts';

/** What an API caller may see of a user: never a hash, a key or a wrapped secret. */
export function publicView(user: UserEntity) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    mspId: user.mspId,
    role: user.role,
    status: user.status,
    certificatePem: user.certificatePem,
    encryptionPublicKey: user.encryptionPublicKey,
    custodialEncryptionKey: user.encryptionKeyWrapped !== null,
    createdAt: user.createdAt,
  };
}

export const fabricKeyContext = (user: { id: string }) => `fabric-key:${user.id}`;
export const encryptionKeyContext = (user: { id: string }) => `encryption-key:${user.id}`;

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    private readonly ca: FabricCaGateway,
    private readonly wrapper: MasterKeyWrapper,
    private readonly refreshTokens: RefreshTokenService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async byId(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new IdentityError('NOT_FOUND', `user ${id} does not exist`);
    return user;
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username }).getOne();
  }

  requireAdminOf(actor: UserEntity, mspId: string): void {
    if (actor.role !== 'admin') throw new IdentityError('FORBIDDEN', 'only an organisation admin may manage users');
    if (actor.mspId !== mspId) throw new IdentityError('FORBIDDEN', `an admin of ${actor.mspId} cannot manage users of ${mspId}`);
  }

  /** An org admin onboards a user of their own organisation: a CA identity, custodial keys, one event. */
  async onboard(actor: UserEntity | null, mspId: string, input: OnboardUser): Promise<UserEntity> {
    if (actor) this.requireAdminOf(actor, mspId);
    if (!(await this.organizations.existsBy({ mspId }))) throw new IdentityError('NOT_FOUND', `organisation ${mspId} does not exist`);
    if (!rolesOfOrganisation(mspId).includes(input.role)) {
      throw new IdentityError('FORBIDDEN', `${mspId} may have users with roles ${rolesOfOrganisation(mspId).join(', ')}, not ${input.role}`);
    }
    const weakness = passwordWeakness(input.password, input.username);
    if (weakness) throw new IdentityError('WEAK_PASSWORD', weakness);
    if (await this.findByUsername(input.username)) throw new IdentityError('USERNAME_TAKEN', `the username ${input.username} is taken`);

    const id = randomUUID();
    const passwordHash = await hashPassword(input.password);
    const enrollmentId = `${id}.1`;
    const enrollment = await this.ca.enrollUser(mspId, enrollmentId, id, input.role);
    const encryption = newEncryptionKeyPair();
    const user = this.users.create({
      id,
      username: input.username,
      displayName: input.displayName ?? input.username,
      email: input.email,
      mspId,
      role: input.role,
      status: 'active',
      passwordHash,
      failedLogins: 0,
      lockedUntil: null,
      enrollmentId,
      certificatePem: enrollment.certificatePem,
      fabricKeyWrapped: this.wrapper.wrap(Buffer.from(enrollment.privateKeyPem), fabricKeyContext({ id })),
      encryptionPublicKey: encryption.publicKey,
      encryptionKeyWrapped: this.wrapper.wrap(encryption.privateKeyPkcs8, encryptionKeyContext({ id })),
    });
    await this.users.manager.transaction(async (tx) => {
      await tx.save(user);
      await writeEvent(tx, IDENTITY_TOPICS.userRegistered, id, {
        userId: id,
        username: user.username,
        mspId,
        role: user.role,
        certificatePem: user.certificatePem,
        encryptionPublicKey: user.encryptionPublicKey,
        registeredBy: actor?.id ?? null,
      });
    });
    this.logger.log(`onboarded ${user.username} (${id}) as ${user.role} of ${mspId}${actor ? ` by ${actor.username}` : ' at bootstrap'}`);
    return this.byId(id);
  }

  /** Suspension: the CA certificate is revoked, every session closed, and the key signs nothing more. */
  async suspend(actor: UserEntity, userId: string, reason: string): Promise<UserEntity> {
    const user = await this.byId(userId);
    this.requireAdminOf(actor, user.mspId);
    if (user.id === actor.id) throw new IdentityError('FORBIDDEN', 'an admin cannot suspend themselves');
    if (user.status === 'suspended') throw new IdentityError('ALREADY_IN_STATE', `user ${user.username} is already suspended`);
    await this.ca.revoke(user.mspId, user.enrollmentId);
    await this.users.manager.transaction(async (tx) => {
      await tx.update(UserEntity, { id: user.id }, { status: 'suspended' });
      await writeEvent(tx, IDENTITY_TOPICS.userSuspended, user.id, { userId: user.id, mspId: user.mspId, reason, suspendedBy: actor.id });
    });
    await this.refreshTokens.revokeAllFor(user.id);
    this.logger.log(`suspended ${user.username} (${user.id}) by ${actor.username}`);
    return this.byId(user.id);
  }

  /** Reactivation enrols a fresh CA identity: a revoked certificate stays revoked. */
  async reactivate(actor: UserEntity, userId: string): Promise<UserEntity> {
    const user = await this.byId(userId);
    this.requireAdminOf(actor, user.mspId);
    if (user.status === 'active') throw new IdentityError('ALREADY_IN_STATE', `user ${user.username} is active`);
    const generation = Number(user.enrollmentId.split('.').pop() ?? '1') + 1;
    const enrollmentId = `${user.id}.${generation}`;
    const enrollment = await this.ca.enrollUser(user.mspId, enrollmentId, user.id, user.role);
    await this.users.manager.transaction(async (tx) => {
      await tx.update(UserEntity, { id: user.id }, {
        status: 'active',
        failedLogins: 0,
        lockedUntil: null,
        enrollmentId,
        certificatePem: enrollment.certificatePem,
        fabricKeyWrapped: this.wrapper.wrap(Buffer.from(enrollment.privateKeyPem), fabricKeyContext(user)),
      });
      await writeEvent(tx, IDENTITY_TOPICS.userReactivated, user.id, { userId: user.id, mspId: user.mspId, reactivatedBy: actor.id, certificatePem: enrollment.certificatePem });
    });
    this.logger.log(`reactivated ${user.username} (${user.id}) by ${actor.username}`);
    return this.byId(user.id);
  }

  /** A user who decrypts on their own side registers their X25519 public key; the custodial one is destroyed. */
  async useOwnEncryptionKey(user: UserEntity, publicKey: string): Promise<UserEntity> {
    const key = parseX25519PublicKey(publicKey);
    if (!key) throw new IdentityError('INVALID_PUBLIC_KEY', 'publicKey must be a raw X25519 public key (32 bytes, base64) and not a point of small order');
    await this.users.update({ id: user.id }, { encryptionPublicKey: key, encryptionKeyWrapped: null });
    return this.byId(user.id);
  }

  /** Seals every stored secret under the current master key; returns how many were resealed. */
  async rewrapSecrets(): Promise<number> {
    let count = 0;
    for (const user of await this.users.find()) {
      const fabricKey = this.wrapper.rewrap(user.fabricKeyWrapped, fabricKeyContext(user));
      const encryptionKey = user.encryptionKeyWrapped ? this.wrapper.rewrap(user.encryptionKeyWrapped, encryptionKeyContext(user)) : undefined;
      if (!fabricKey && !encryptionKey) continue;
      await this.users.update({ id: user.id }, { ...(fabricKey ? { fabricKeyWrapped: fabricKey } : {}), ...(encryptionKey ? { encryptionKeyWrapped: encryptionKey } : {}) });
      count += (fabricKey ? 1 : 0) + (encryptionKey ? 1 : 0);
    }
    return count;
  }

  /** First start: the organisations and one admin each, from configuration; safe to run on every start. */
  async bootstrap(): Promise<void> {
    for (const org of this.config.bootstrap.organizations) {
      if (await this.organizations.existsBy({ mspId: org.mspId })) continue;
      await this.organizations.manager.transaction(async (tx) => {
        await tx.insert(OrganizationEntity, { mspId: org.mspId, name: org.name });
        await writeEvent(tx, IDENTITY_TOPICS.orgCreated, org.mspId, { mspId: org.mspId, name: org.name });
      });
    }
    for (const admin of this.config.bootstrap.admins) {
      if (await this.findByUsername(admin.username)) continue;
      await this.onboard(null, admin.mspId, { username: admin.username, email: admin.email, password: admin.password, role: 'admin' });
    }
  }
}

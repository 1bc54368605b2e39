import type { Role } from '@gridledger/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WrappedSecret } from '../custody/master-key-wrapper.ts';

@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryColumn({ type: 'text', name: 'msp_id' })
  mspId: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

export type UserStatus = 'active' | 'suspended';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** unique case-insensitively (see the migration's index on lower(username)) */
  @Column({ type: 'text' })
  username: string;

  /** what the dashboard shows instead of an id; the username until someone sets one */
  @Column({ type: 'text', name: 'display_name' })
  displayName: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', name: 'msp_id' })
  mspId: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text' })
  status: UserStatus;

  @Column({ type: 'text', name: 'password_hash' })
  passwordHash: string;

  @Column({ type: 'integer', name: 'failed_logins', default: 0 })
  failedLogins: number;

  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  /** the Fabric CA enrollment id; a new one after each reactivation, since revocation is final at the CA */
  @Column({ type: 'text', name: 'enrollment_id' })
  enrollmentId: string;

  @Column({ type: 'text', name: 'certificate_pem' })
  certificatePem: string;

  @Column({ type: 'jsonb', name: 'fabric_key_wrapped' })
  fabricKeyWrapped: WrappedSecret;

  /** X25519 public key (raw, base64) that file keys are wrapped for */
  @Column({ type: 'text', name: 'encryption_public_key' })
  encryptionPublicKey: string;

  /** null when the user brought their own key pair and decrypts on their side */
  @Column({ type: 'jsonb', name: 'encryption_key_wrapped', nullable: true })
  encryptionKeyWrapped: WrappedSecret | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

@Entity({ name: 'jwt_signing_keys' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid: string;

  @Column({ type: 'jsonb', name: 'public_jwk' })
  publicJwk: Record<string, unknown>;

  @Column({ type: 'jsonb', name: 'private_jwk_wrapped' })
  privateJwkWrapped: WrappedSecret;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /** after this the key signs nothing and leaves the JWKS; null while it is the newest */
  @Column({ type: 'timestamptz', name: 'retire_after', nullable: true })
  retireAfter: Date | null;
}

@Entity({ name: 'refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  /** all tokens descended from one sign-in; reuse of a spent token revokes the family */
  @Column({ type: 'uuid', name: 'family_id' })
  familyId: string;

  @Index({ unique: true })
  @Column({ type: 'text', name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** An admin's one-time password reset for a user: only its hash is kept; spent once, or dead after expiresAt. */
@Entity({ name: 'password_reset_tokens' })
export class PasswordResetTokenEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @Index({ unique: true })
  @Column({ type: 'text', name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'uuid', name: 'issued_by' })
  issuedBy: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  /** set when the token set a password, or when a newer token for the same user replaced it */
  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** One row for every signature made with a user's key, and for every one refused. */
@Entity({ name: 'signature_log' })
export class SignatureLogEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** not a foreign key: a refusal for a user who does not exist is logged too */
  @Index()
  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @Column({ type: 'text' })
  outcome: 'signed' | 'refused';

  /** why it was refused (NOT_ATTESTED, NOT_PERMITTED, USER_SUSPENDED, UNDECODABLE, NOT_FOUND); null when signed */
  @Column({ type: 'text', nullable: true })
  code: string | null;

  /** null only in rows from before the bytes were decoded (digest-only signing) */
  @Column({ type: 'text', nullable: true })
  kind: 'proposal' | 'transaction' | null;

  /** `contract:Transaction` as read from the bytes; null when they could not be read */
  @Column({ type: 'text', nullable: true })
  function: string | null;

  @Column({ type: 'text', name: 'tx_id', nullable: true })
  txId: string | null;

  @Column({ type: 'text', name: 'command_id', nullable: true })
  commandId: string | null;

  /** the attesting service, or user-access-token; null when refused */
  @Column({ type: 'text', name: 'attested_by', nullable: true })
  attestedBy: string | null;

  /** SHA-256 of what was (or would have been) signed; null when the bytes could not be read */
  @Column({ type: 'text', name: 'digest_hex', nullable: true })
  digestHex: string | null;

  /** free text the ledger sent when it asked for bare digests; null since requests are decoded */
  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  /** the service that asked, as its service token proved */
  @Column({ type: 'text', name: 'requested_by' })
  requestedBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** Events written in the same transaction as the change they describe; a relay publishes them. */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text', name: 'message_key' })
  messageKey: string;

  @Column({ type: 'jsonb' })
  envelope: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;
}

export const IDENTITY_ENTITIES = [OrganizationEntity, UserEntity, SigningKeyEntity, RefreshTokenEntity, PasswordResetTokenEntity, SignatureLogEntity, OutboxEntity];

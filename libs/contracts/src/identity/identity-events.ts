import { ROLES } from '@gridledger/domain';
import { z } from 'zod';

/**
 * Identity events. The topic name carries the version: an incompatible payload change is a
 * new topic (…v2), published alongside v1 until its consumers have moved.
 */
export const IDENTITY_TOPICS = {
  orgCreated: 'gridledger.identity.org-created.v1',
  userRegistered: 'gridledger.identity.user-registered.v1',
  userSuspended: 'gridledger.identity.user-suspended.v1',
  userReactivated: 'gridledger.identity.user-reactivated.v1',
  signatureLogged: 'gridledger.identity.signature-logged.v1',
} as const;

const role = z.enum(ROLES);

export const orgCreatedSchema = z.object({ mspId: z.string(), name: z.string() });
export const userRegisteredSchema = z.object({
  userId: z.uuid(),
  username: z.string(),
  mspId: z.string(),
  role,
  /** the certificate the user signs with on chain (public) */
  certificatePem: z.string(),
  /** X25519, raw, base64: file keys are wrapped for this key */
  encryptionPublicKey: z.string(),
  registeredBy: z.uuid().nullable(),
});
export const userSuspendedSchema = z.object({ userId: z.uuid(), mspId: z.string(), reason: z.string(), suspendedBy: z.uuid() });
export const userReactivatedSchema = z.object({ userId: z.uuid(), mspId: z.string(), reactivatedBy: z.uuid(), certificatePem: z.string() });

/**
 * The identity service signed a Fabric proposal or transaction with a user's key, or refused to.
 * Every request for a signature ends in one of these, keyed by the user.
 */
export const signatureLoggedSchema = z.object({
  outcome: z.enum(['signed', 'refused']),
  /** why it was refused: NOT_ATTESTED, NOT_PERMITTED, USER_SUSPENDED, UNDECODABLE, NOT_FOUND; null when signed */
  code: z.string().nullable(),
  /** the service that asked for the signature */
  service: z.string(),
  userId: z.uuid(),
  kind: z.enum(['proposal', 'transaction']),
  /** `contract:Transaction`, read from the bytes themselves; null when they could not be read */
  function: z.string().nullable(),
  txId: z.string().nullable(),
  /** the ledger command it belongs to, when known */
  commandId: z.string().nullable(),
  /** what vouched for the user's request: the attesting service, or `user-access-token`; null when refused */
  attestedBy: z.string().nullable(),
  at: z.iso.datetime(),
});

export interface IdentityTopicPayloads {
  [IDENTITY_TOPICS.orgCreated]: z.infer<typeof orgCreatedSchema>;
  [IDENTITY_TOPICS.userRegistered]: z.infer<typeof userRegisteredSchema>;
  [IDENTITY_TOPICS.userSuspended]: z.infer<typeof userSuspendedSchema>;
  [IDENTITY_TOPICS.userReactivated]: z.infer<typeof userReactivatedSchema>;
  [IDENTITY_TOPICS.signatureLogged]: z.infer<typeof signatureLoggedSchema>;
}

export const IDENTITY_SCHEMAS = {
  [IDENTITY_TOPICS.orgCreated]: orgCreatedSchema,
  [IDENTITY_TOPICS.userRegistered]: userRegisteredSchema,
  [IDENTITY_TOPICS.userSuspended]: userSuspendedSchema,
  [IDENTITY_TOPICS.userReactivated]: userReactivatedSchema,
  [IDENTITY_TOPICS.signatureLogged]: signatureLoggedSchema,
} as const;

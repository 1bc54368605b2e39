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
} as const;

const role = z.enum(['owner', 'consumer', 'regulator', 'admin']);

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

export interface IdentityTopicPayloads {
  [IDENTITY_TOPICS.orgCreated]: z.infer<typeof orgCreatedSchema>;
  [IDENTITY_TOPICS.userRegistered]: z.infer<typeof userRegisteredSchema>;
  [IDENTITY_TOPICS.userSuspended]: z.infer<typeof userSuspendedSchema>;
  [IDENTITY_TOPICS.userReactivated]: z.infer<typeof userReactivatedSchema>;
}

export const IDENTITY_SCHEMAS = {
  [IDENTITY_TOPICS.orgCreated]: orgCreatedSchema,
  [IDENTITY_TOPICS.userRegistered]: userRegisteredSchema,
  [IDENTITY_TOPICS.userSuspended]: userSuspendedSchema,
  [IDENTITY_TOPICS.userReactivated]: userReactivatedSchema,
} as const;

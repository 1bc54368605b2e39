import { ASSET_CATEGORIES, ASSET_STATUSES, NOTE_SUBJECTS, REQUEST_STATUSES, SENSITIVITIES } from '@gridledger/domain';
import type { AccessPolicy, AccessRequest, Account, DataAsset, Decision, Grant, PartyRef, Subscription, UserFreeze } from '@gridledger/domain';
import { z } from 'zod';

/*
 * The chaincode's records as they arrive from the chain, checked on the way in: a service reads
 * the shape its type says, or fails at the boundary with the field that differs. Each schema
 * `satisfies` its record's type in @gridledger/domain, so the two cannot drift apart. Objects are
 * loose: a field a newer chaincode adds passes through. Chain events embed the same records.
 */

export const partyRefSchema = z.looseObject({ mspId: z.string(), uid: z.string() }) satisfies z.ZodType<PartyRef>;
const timestamp = z.string();

export const accessPolicySchema = z.looseObject({
  allowedOrgs: z.array(z.string()),
  allowedRoles: z.array(z.string()),
  allowedPurposes: z.array(z.string()),
  maxDurationSeconds: z.number(),
  maxDownloads: z.number(),
}) satisfies z.ZodType<AccessPolicy>;

export const dataAssetSchema = z.looseObject({
  docType: z.literal('asset'),
  id: z.string(),
  owner: partyRefSchema,
  title: z.string(),
  description: z.string(),
  category: z.enum(ASSET_CATEGORIES),
  sensitivity: z.enum(SENSITIVITIES),
  cid: z.string(),
  ciphertextSha256: z.string(),
  plaintextSha256: z.string(),
  sizeBytes: z.number(),
  encryptionScheme: z.string(),
  keyVersion: z.number(),
  priceCredits: z.number(),
  policy: accessPolicySchema,
  status: z.enum(ASSET_STATUSES),
  product: z
    .looseObject({ id: z.string(), version: z.number().int().min(1), previousAssetId: z.string().nullable() })
    .optional()
    .describe('the data product this asset is a version of; absent on assets registered before products existed (version 1 of their own)'),
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<DataAsset>;

const decisionSchema = z.looseObject({
  by: partyRefSchema.extend({ role: z.string() }),
  decision: z.enum(['approved', 'rejected', 'revoked', 'expired']),
  reason: z.string(),
  at: timestamp,
  txId: z.string(),
}) satisfies z.ZodType<Decision>;

const grantSchema = z.looseObject({
  grantedAt: timestamp,
  expiresAt: timestamp,
  maxDownloads: z.number(),
  used: z.number(),
  keyReleases: z.number(),
  downloads: z.number(),
}) satisfies z.ZodType<Grant>;

const subscriptionSchema = z.looseObject({
  productId: z.string(),
  subscriberRole: z.string(),
  installmentCredits: z.number(),
  versionsPaid: z.number(),
  versionsDelivered: z.number(),
  remainingCredits: z.number().describe('still in escrow for versions not yet delivered'),
}) satisfies z.ZodType<Subscription>;

export const accessRequestSchema = z.looseObject({
  docType: z.literal('request'),
  id: z.string(),
  assetId: z.string(),
  consumer: partyRefSchema,
  owner: partyRefSchema,
  purpose: z.string(),
  durationSeconds: z.number(),
  priceCredits: z.number(),
  escrow: z.enum(['held', 'paid', 'refunded']),
  requiresRegulator: z.boolean(),
  status: z.enum(REQUEST_STATUSES),
  decisions: z.array(decisionSchema),
  grant: grantSchema.nullable(),
  subscription: subscriptionSchema.optional().describe("a subscription to the asset's data product for the request's term"),
  deliveredBy: z.string().optional().describe('the subscription that delivered this grant on one version when it was published'),
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<AccessRequest>;

export const accountSchema = z.looseObject({
  docType: z.literal('account'),
  uid: z.string(),
  mspId: z.string(),
  balance: z.number(),
  escrowed: z.number(),
  minted: z.number(),
}) satisfies z.ZodType<Account>;

export const userFreezeSchema = z.looseObject({
  docType: z.literal('user-freeze'),
  uid: z.string(),
  reason: z.string(),
  by: z.string(),
  at: timestamp,
  txId: z.string(),
}) satisfies z.ZodType<UserFreeze>;

/** What RecordKeyRelease and RecordDownload answer: the grant's use, once per command. */
export const grantUseSchema = z.looseObject({
  requestId: z.string(),
  assetId: z.string(),
  kind: z.enum(['key-release', 'download']),
  remainingDownloads: z.number(),
  txId: z.string(),
  /** the same release or download recorded before: nothing was drawn twice */
  repeated: z.boolean().optional(),
});
export type GrantUse = z.infer<typeof grantUseSchema>;

export const regulatorNoteSchema = z.looseObject({
  docType: z.literal('regulator-note'),
  id: z.string(),
  subjectType: z.enum(NOTE_SUBJECTS),
  subjectId: z.string(),
  text: z.string(),
  by: z.unknown(),
  at: timestamp,
  txId: z.string(),
});
export type RegulatorNote = z.infer<typeof regulatorNoteSchema>;

export const userUnfrozenSchema = z.looseObject({ uid: z.string(), frozen: z.literal(false) });

/** Ping's record: the message and who signed it. */
export const pingSchema = z.looseObject({ docType: z.literal('ping'), txId: z.string(), message: z.string(), signer: z.unknown(), timestamp });

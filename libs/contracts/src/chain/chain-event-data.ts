import { ASSET_CATEGORIES, NOTE_SUBJECTS, REQUEST_STATUSES, ROLES, SENSITIVITIES, type ChainEventData, type ChaincodeEventName } from '@gridledger/domain';
import { z } from 'zod';
import type { ChainEvent } from './chain-events.ts';
import { accessPolicySchema, dataAssetSchema, partyRefSchema } from './chain-record-schemas.ts';

/*
 * The `data` of each chain event, as a schema: consumers validate with it and the AsyncAPI
 * document publishes it. Each `satisfies` the chaincode's own type for that event
 * (ChainEventDataMap in @gridledger/domain), which the chaincode's emit() is held to by the
 * compiler, so the three agree. Objects are loose: a field added later does not break a consumer.
 */

const party = partyRefSchema;
const actor = party.extend({ role: z.enum(ROLES) });
const decider = party.extend({ role: z.string() });
const ciphertext = z.looseObject({ cid: z.string(), ciphertextSha256: z.string(), keyVersion: z.number(), sizeBytes: z.number(), encryptionScheme: z.string() });
const grantUse = z.looseObject({
  consumer: party,
  keyVersion: z.number(),
  recipientKeySha256: z.string().optional().describe('a key release: the SHA-256 of the key envelope recipient'),
  ciphertextSha256: z.string().optional().describe('a platform download: the SHA-256 of the ciphertext served'),
  remainingDownloads: z.number(),
});
const supervised = z.looseObject({ reason: z.string(), by: actor });

export const CHAIN_EVENT_DATA_SCHEMAS = {
  AssetRegistered: z.looseObject({
    asset: dataAssetSchema,
    deliveries: z
      .array(z.looseObject({ subscriptionId: z.string(), requestId: z.string(), consumer: party, paidCredits: z.number(), expiresAt: z.string(), maxDownloads: z.number() }))
      .optional()
      .describe("a new version of a product with subscribers: the grant each subscription received and the installment it paid the owner"),
    withheld: z
      .array(z.looseObject({ subscriptionId: z.string(), consumer: party, reason: z.string() }))
      .optional()
      .describe('subscriptions that did not receive this version, each with the rule that kept it out'),
  }),
  AssetMetadataUpdated: z.looseObject({
    changes: z.looseObject({
      title: z.string().optional(),
      description: z.string().optional(),
      category: z.enum(ASSET_CATEGORIES).optional(),
      sensitivity: z.enum(SENSITIVITIES).optional(),
      priceCredits: z.number().optional(),
      policy: accessPolicySchema.optional(),
    }),
  }),
  AssetRetired: z.looseObject({ reason: z.string() }),
  AssetKeyRotated: z.looseObject({ previous: ciphertext, current: ciphertext }),
  AccessRequested: z.looseObject({
    consumer: party, owner: party, purpose: z.string(), durationSeconds: z.number(), escrowedCredits: z.number(), requiresRegulator: z.boolean(),
    subscription: z
      .looseObject({ productId: z.string(), versionsPaid: z.number(), installmentCredits: z.number() })
      .optional()
      .describe("a subscription to the asset's data product: escrowedCredits is installmentCredits × versionsPaid"),
  }),
  RequestOwnerApproved: z.looseObject({ consumer: party, sensitivity: z.enum(SENSITIVITIES), reason: z.string() }),
  AccessGranted: z.looseObject({ consumer: party, decidedBy: decider, reason: z.string().optional(), expiresAt: z.string().optional(), maxDownloads: z.number(), paidCredits: z.number() }),
  RequestRejected: z.looseObject({ consumer: party, decidedBy: decider, reason: z.string(), refundedCredits: z.number() }),
  GrantRevoked: z.looseObject({ consumer: party, reason: z.string(), refundedCredits: z.number() }),
  RequestExpired: z.looseObject({ consumer: party, previousStatus: z.enum(REQUEST_STATUSES), refundedCredits: z.number() }),
  KeyReleased: grantUse,
  DownloadRecorded: grantUse,
  CreditsMinted: z.looseObject({ to: party, amount: z.number(), memo: z.string(), balance: z.number() }),
  AssetFrozen: supervised,
  AssetUnfrozen: supervised,
  UserFrozen: supervised,
  UserUnfrozen: supervised,
  RegulatorNoteAdded: z.looseObject({ noteId: z.string(), subjectType: z.enum(NOTE_SUBJECTS), subjectId: z.string(), text: z.string() }),
  PingRecorded: z.looseObject({ message: z.string() }),
} satisfies { [N in ChaincodeEventName]: z.ZodType<ChainEventData<N>> };

/** A chain event whose `data` is known by its name: what a consumer switches on. */
export type ChainEventOf<N extends ChaincodeEventName> = Omit<ChainEvent, 'event' | 'data'> & { event: N; data: z.output<(typeof CHAIN_EVENT_DATA_SCHEMAS)[N]> };
export type TypedChainEvent = { [N in ChaincodeEventName]: ChainEventOf<N> }[ChaincodeEventName];

/**
 * The event with its data checked against its name's schema, for code that switches on the
 * name and reads the data typed. Events consumed from their own topic already passed this
 * schema; one read some other way (a replay from the chain) is checked here.
 */
export function typedChainEvent(event: ChainEvent): TypedChainEvent {
  const data = CHAIN_EVENT_DATA_SCHEMAS[event.event].parse(event.data);
  return { ...event, data } as TypedChainEvent;
}

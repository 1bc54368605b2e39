import { REQUEST_STATUSES } from '@gridledger/domain';
import { z } from 'zod';

/**
 * The access-policy service's events: the sharing workflow as the services and the dashboard
 * follow it. The chain's own events (gridledger.chain.*) remain the record; these say what the
 * platform does about them.
 */
export const ACCESS_TOPICS = {
  keyReleaseRequested: 'gridledger.access.key-release-requested.v1',
  requestUpdated: 'gridledger.access.request-updated.v1',
} as const;

const party = z.object({ mspId: z.string(), uid: z.string() });

/** A grant is final and the consumer named a key: the storage service seals the file key for it. */
export const keyReleaseRequestedSchema = z.object({
  requestId: z.string(),
  assetId: z.string(),
  consumer: party,
  /** X25519, raw 32 bytes, base64 */
  recipientPublicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  /** the chain transaction that made the grant final */
  grantTxId: z.string(),
});

/** A request moved (read model updated from a chain event): inboxes and notifications follow this. */
export const requestUpdatedSchema = z.object({
  requestId: z.string(),
  assetId: z.string(),
  status: z.enum(REQUEST_STATUSES),
  owner: party,
  consumer: party,
  requiresRegulator: z.boolean(),
  /** the chain event that moved it */
  chainEvent: z.string(),
  txId: z.string(),
});

export interface AccessTopicPayloads {
  [ACCESS_TOPICS.keyReleaseRequested]: z.infer<typeof keyReleaseRequestedSchema>;
  [ACCESS_TOPICS.requestUpdated]: z.infer<typeof requestUpdatedSchema>;
}

export const ACCESS_SCHEMAS = {
  [ACCESS_TOPICS.keyReleaseRequested]: keyReleaseRequestedSchema,
  [ACCESS_TOPICS.requestUpdated]: requestUpdatedSchema,
} as const;

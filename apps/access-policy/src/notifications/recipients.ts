import { AUDIT_TOPICS, CHAIN_TOPICS, STORAGE_TOPICS, typedChainEvent, type ChainEvent, type TopicPayloads } from '@gridledger/contracts';
import { REGULATOR_MSP } from '@gridledger/domain';
import type { NotificationKind } from '@gridledger/domain';

/** One person, or every regulator: the regulator's people share one queue of things to approve. */
export type Audience = { uid: string; mspId: string | null } | 'regulators';

/** What one event tells one audience. `details` is shown as is and sent to webhooks: ids and reasons, never secrets. */
export interface Notice {
  kind: NotificationKind;
  audience: Audience;
  assetId: string | null;
  requestId: string | null;
  details: Record<string, string | number | null>;
}

/** The topics whose events notify someone. */
export const NOTIFYING_CHAIN_EVENTS = ['AccessRequested', 'RequestOwnerApproved', 'AccessGranted', 'RequestRejected', 'AssetRegistered', 'AssetFrozen', 'UserFrozen'] as const;
export const NOTIFYING_TOPICS = [
  ...NOTIFYING_CHAIN_EVENTS.map((name) => CHAIN_TOPICS[name]),
  STORAGE_TOPICS.keyReleased,
  STORAGE_TOPICS.integrityViolation,
  AUDIT_TOPICS.integrityViolation,
];

export type NotifyingPayload =
  | ChainEvent
  | TopicPayloads[typeof STORAGE_TOPICS.keyReleased]
  | TopicPayloads[typeof STORAGE_TOPICS.integrityViolation]
  | TopicPayloads[typeof AUDIT_TOPICS.integrityViolation];

/** What the read model knows that an event does not say: an asset's owner, a request's consumer. */
export interface Parties {
  ownerOf: (assetId: string) => Promise<{ uid: string; mspId: string } | null>;
  consumerOf: (requestId: string) => Promise<{ uid: string; mspId: string } | null>;
}

/** Who hears of an event, and what they hear. Pure but for the read model's look-ups of the parties an event does not name. */
export async function noticesFor(topic: string, payload: NotifyingPayload, parties: Parties): Promise<Notice[]> {
  if (topic === STORAGE_TOPICS.keyReleased) {
    const release = payload as TopicPayloads[typeof STORAGE_TOPICS.keyReleased];
    // storage names the consumer only by id: their organisation (whose webhooks hear of it) is the request's
    const consumer = await parties.consumerOf(release.requestId);
    const mspId = consumer?.uid === release.consumerId ? consumer.mspId : null;
    return [{ kind: 'key.released', audience: { uid: release.consumerId, mspId }, assetId: release.assetId, requestId: release.requestId, details: { keyVersion: release.keyVersion } }];
  }
  if (topic === STORAGE_TOPICS.integrityViolation || topic === AUDIT_TOPICS.integrityViolation) {
    const violation = payload as TopicPayloads[typeof STORAGE_TOPICS.integrityViolation] | TopicPayloads[typeof AUDIT_TOPICS.integrityViolation];
    const where = 'where' in violation ? violation.where : violation.detectedBy;
    return [{ kind: 'integrity.violation', audience: 'regulators', assetId: violation.assetId, requestId: null, details: { finding: violation.kind, where } }];
  }
  return chainNotices(payload as ChainEvent, parties);
}

async function chainNotices(relayed: ChainEvent, { ownerOf }: Parties): Promise<Notice[]> {
  const event = typedChainEvent(relayed);
  const assetId = event.subjects.assetId ?? null;
  const requestId = event.subjects.requestId ?? null;
  const about = { assetId, requestId };
  switch (event.event) {
    case 'AccessRequested':
      return [{ kind: 'request.awaiting-owner', audience: party(event.data.owner), ...about, details: { purpose: event.data.purpose, consumerUid: event.data.consumer.uid, consumerMsp: event.data.consumer.mspId } }];
    case 'RequestOwnerApproved':
      return [{ kind: 'request.awaiting-regulator', audience: 'regulators', ...about, details: { sensitivity: event.data.sensitivity, consumerMsp: event.data.consumer.mspId } }];
    case 'AccessGranted':
      return [{ kind: 'request.approved', audience: party(event.data.consumer), ...about, details: { reason: event.data.reason ?? null, expiresAt: event.data.expiresAt ?? null } }];
    case 'RequestRejected':
      return [{ kind: 'request.rejected', audience: party(event.data.consumer), ...about, details: { reason: event.data.reason } }];
    case 'AssetRegistered':
      // a new version reached its product's subscribers: each hears of their new grant
      return (event.data.deliveries ?? []).map((delivery) => ({
        kind: 'subscription.delivered' as const,
        audience: party(delivery.consumer),
        assetId,
        requestId: delivery.requestId,
        details: { subscriptionId: delivery.subscriptionId, version: event.data.asset.product?.version ?? null, paidCredits: delivery.paidCredits, expiresAt: delivery.expiresAt },
      }));
    case 'AssetFrozen': {
      const owner = assetId ? await ownerOf(assetId) : null;
      return owner ? [{ kind: 'asset.frozen', audience: owner, ...about, details: { reason: event.data.reason } }] : [];
    }
    case 'UserFrozen': {
      const uid = event.subjects.uid;
      return uid ? [{ kind: 'user.frozen', audience: { uid, mspId: null }, ...about, details: { reason: event.data.reason } }] : [];
    }
    default:
      return [];
  }
}

const party = (ref: { mspId: string; uid: string }): Audience => ({ uid: ref.uid, mspId: ref.mspId });

/** The organisation whose webhooks hear of a notice, if it is known. */
export const organisationOf = (audience: Audience): string | null => (audience === 'regulators' ? REGULATOR_MSP : audience.mspId);

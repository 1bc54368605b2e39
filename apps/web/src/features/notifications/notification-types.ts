import type { NotificationKind } from '@gridledger/domain';

export { NOTIFICATION_KINDS, type NotificationKind } from '@gridledger/domain';

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  assetId: string | null;
  requestId: string | null;
  details: Record<string, string | number | null>;
  createdAt: string;
  read: boolean;
}

/** A kind's name in the dictionaries (`notifications.kinds.*`, `webhooks.types.*`). */
export const KIND_KEYS = {
  'request.awaiting-owner': 'requestAwaitingOwner',
  'request.awaiting-regulator': 'requestAwaitingRegulator',
  'request.approved': 'requestApproved',
  'request.rejected': 'requestRejected',
  'key.released': 'keyReleased',
  'subscription.delivered': 'subscriptionDelivered',
  'asset.frozen': 'assetFrozen',
  'user.frozen': 'userFrozen',
  'integrity.violation': 'integrityViolation',
} as const satisfies Record<NotificationKind, string>;

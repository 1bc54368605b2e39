/** The notification kinds, as the access-policy service names them: each has its sentence in the dictionaries. */
export const NOTIFICATION_KINDS = ['request.awaiting-owner', 'request.awaiting-regulator', 'request.approved', 'request.rejected', 'key.released', 'asset.frozen', 'user.frozen', 'integrity.violation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

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
  'asset.frozen': 'assetFrozen',
  'user.frozen': 'userFrozen',
  'integrity.violation': 'integrityViolation',
} as const satisfies Record<NotificationKind, string>;

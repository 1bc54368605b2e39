/**
 * What a user is told about, and what an organisation's webhook may subscribe to: one list, so a
 * webhook's event types are exactly the notifications its organisation's people get.
 */
export const NOTIFICATION_KINDS = [
  'request.awaiting-owner',
  'request.awaiting-regulator',
  'request.approved',
  'request.rejected',
  'key.released',
  'asset.frozen',
  'user.frozen',
  'integrity.violation',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const isNotificationKind = (value: string): value is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(value);

import { isOneOf } from './one-of.ts';

/**
 * What a user is told about, and what an organisation's webhook may subscribe to: one list, so a
 * webhook's event types are exactly the notifications its organisation's people get. The access-policy
 * service makes them; the dashboard names each in both languages.
 */
export const NOTIFICATION_KINDS = [
  'request.awaiting-owner',
  'request.awaiting-regulator',
  'request.approved',
  'request.rejected',
  'key.released',
  'subscription.delivered',
  'asset.frozen',
  'user.frozen',
  'integrity.violation',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const isNotificationKind = isOneOf(NOTIFICATION_KINDS);

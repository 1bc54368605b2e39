import type { SchemaMigration } from '@gridledger/messaging';
import { AccessPolicyBaselineSchema1765000000000 } from './migrations/0001-baseline-schema.ts';
import { NotificationsAndWebhooks1765200000000 } from './migrations/0002-notifications-and-webhooks.ts';
import { AssetProducts1765300000000 } from './migrations/0003-asset-products.ts';
import { RequestSubscriptions1765300000001 } from './migrations/0004-request-subscriptions.ts';

/** The service's schema migrations, oldest first. A change to the schema is a new one at the end. */
export const ACCESS_POLICY_MIGRATIONS: readonly SchemaMigration[] = [
  AccessPolicyBaselineSchema1765000000000,
  NotificationsAndWebhooks1765200000000,
  AssetProducts1765300000000,
  RequestSubscriptions1765300000001,
];

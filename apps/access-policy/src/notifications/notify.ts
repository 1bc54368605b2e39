import type { CloudEvent } from '@gridledger/contracts';
import type pg from 'pg';
import { enqueueDeliveries } from '../webhooks/webhook-deliveries-queue.ts';
import { assetOwner, recordNotice, requestConsumer } from './notifications.store.ts';
import { noticesFor, NOTIFYING_TOPICS, organisationOf, type NotifyingPayload } from './recipients.ts';

export const isNotifying = (topic: string): boolean => (NOTIFYING_TOPICS as string[]).includes(topic);

/**
 * Turns an event that concerns someone into their notifications and their organisation's webhook
 * deliveries, in `tx`: the transaction that records the event as consumed, so a redelivered event
 * adds nothing and a crash leaves either all of it or none.
 */
export async function notify(tx: pg.ClientBase, topic: string, event: CloudEvent<NotifyingPayload>): Promise<void> {
  const notices = await noticesFor(topic, event.data, { ownerOf: (assetId) => assetOwner(tx, assetId), consumerOf: (requestId) => requestConsumer(tx, requestId) });
  for (const notice of notices) {
    const id = await recordNotice(tx, event.id, notice);
    const organisation = organisationOf(notice.audience);
    if (id && organisation) await enqueueDeliveries(tx, organisation, id, notice, event.time);
  }
}

import { TOPIC_SCHEMAS, type CloudEvent, type Topic } from '@gridledger/contracts';
import { InboxEvents, type InboxContext } from '@gridledger/nest-service';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { enqueueDeliveries } from '../webhooks/webhook-deliveries-queue.ts';
import { assetOwner, recordNotice } from './notifications.store.ts';
import { noticesFor, NOTIFYING_TOPICS, organisationOf, type NotifyingPayload } from './recipients.ts';

export const NOTIFICATIONS_GROUP = 'gridledger-access-policy-notifications';

/**
 * Turns the events that concern someone into their notifications and their organisation's webhook
 * deliveries, in the transaction that records the event as consumed: a redelivered event is a no-op,
 * and a crash leaves either all of it or none.
 */
@Controller()
export class NotificationsConsumer {
  @InboxEvents<NotifyingPayload>({
    groupId: NOTIFICATIONS_GROUP,
    clientId: 'gridledger-access-policy-notifications',
    logContext: 'Notifications',
    topics: NOTIFYING_TOPICS,
    schemas: (topic) => ((NOTIFYING_TOPICS as string[]).includes(topic) ? (TOPIC_SCHEMAS[topic as Topic] as never) : undefined),
  })
  async notify(@Payload() event: CloudEvent<NotifyingPayload>, @Ctx() { tx, meta }: InboxContext): Promise<void> {
    const notices = await noticesFor(meta.topic, event.data, (assetId) => assetOwner(tx, assetId));
    for (const notice of notices) {
      const id = await recordNotice(tx, event.id, notice);
      const organisation = organisationOf(notice.audience);
      if (id && organisation) await enqueueDeliveries(tx, organisation, id, notice, event.time);
    }
  }
}

import { TOPIC_SCHEMAS, type CloudEvent, type Topic } from '@gridledger/contracts';
import { InboxEvents, type InboxContext } from '@gridledger/nest-service';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { READ_MODEL_TOPICS } from '../read-model/read-model.consumer.ts';
import { notify } from './notify.ts';
import { NOTIFYING_TOPICS, type NotifyingPayload } from './recipients.ts';

export const NOTIFICATIONS_GROUP = 'gridledger-access-policy-notifications';

/**
 * The notifying topics the read model does not read (a freeze of a user, integrity violations).
 * The others are notified by the read model's own consumer, after it applied the event: one topic
 * has one handler in a service, and the asset's owner is then known.
 */
export const NOTIFICATION_ONLY_TOPICS: Topic[] = NOTIFYING_TOPICS.filter((topic) => !(READ_MODEL_TOPICS as string[]).includes(topic));

@Controller()
export class NotificationsConsumer {
  @InboxEvents<NotifyingPayload>({
    groupId: NOTIFICATIONS_GROUP,
    clientId: 'gridledger-access-policy-notifications',
    logContext: 'Notifications',
    topics: NOTIFICATION_ONLY_TOPICS,
    schemas: (topic) => ((NOTIFICATION_ONLY_TOPICS as string[]).includes(topic) ? (TOPIC_SCHEMAS[topic as Topic] as never) : undefined),
  })
  notify(@Payload() event: CloudEvent<NotifyingPayload>, @Ctx() { tx, meta }: InboxContext): Promise<void> {
    return notify(tx, meta.topic, event);
  }
}

import { CHAIN_TOPICS, STORAGE_TOPICS, TOPIC_SCHEMAS, type CloudEvent, type Topic } from '@gridledger/contracts';
import { InboxEvents, type InboxContext } from '@gridledger/nest-service';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { isNotifying, notify } from '../notifications/notify.ts';
import type { NotifyingPayload } from '../notifications/recipients.ts';
import { ASSET_EVENTS } from './asset-projection.ts';
import { ReadModelProjector, type ReadModelPayload } from './read-model.projector.ts';
import { REQUEST_EVENTS } from './request-projection.ts';

const CHAIN_EVENT_TOPICS = [...ASSET_EVENTS, ...REQUEST_EVENTS].map((name) => CHAIN_TOPICS[name]);
export const READ_MODEL_TOPICS: Topic[] = [...CHAIN_EVENT_TOPICS, STORAGE_TOPICS.keyReleased, STORAGE_TOPICS.keyReleaseFailed];
export const READ_MODEL_GROUP = 'gridledger-access-policy-read-model';

/** The chain's events and storage's key-release answers, into the read model, in commit order per asset, and the notifications they make. */
@Controller()
export class ReadModelConsumer {
  constructor(private readonly projector: ReadModelProjector) {}

  @InboxEvents<ReadModelPayload>({
    groupId: READ_MODEL_GROUP,
    clientId: 'gridledger-access-policy-read-model',
    logContext: 'ReadModel',
    topics: READ_MODEL_TOPICS,
    schemas: (topic) => ((READ_MODEL_TOPICS as string[]).includes(topic) ? (TOPIC_SCHEMAS[topic as Topic] as never) : undefined),
    concurrency: 4,
  })
  async apply(@Payload() event: CloudEvent<ReadModelPayload>, @Ctx() { tx, meta }: InboxContext): Promise<void> {
    await this.projector.apply(tx, event, meta.topic);
    // in the same transaction, once the read model knows what the event changed
    if (isNotifying(meta.topic)) await notify(tx, meta.topic, event as CloudEvent<NotifyingPayload>);
  }
}

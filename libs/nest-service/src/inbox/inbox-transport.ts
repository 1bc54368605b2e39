import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom, type Observable } from 'rxjs';
import type { OpenedGroup, InboxConsumers } from './inbox-consumers.ts';
import { InboxBatchContext, InboxContext } from './inbox-context.ts';
import { INBOX_GROUP, type InboxGroup } from './inbox-events.decorator.ts';

/**
 * The `@nestjs/microservices` transport for the platform's Kafka events, built on
 * `libs/messaging`'s idempotent consumer: each `@InboxEvents` method becomes one consumer group
 * with its inbox (event ids recorded in the handler's transaction), retries, dead letters and
 * per-key order, exactly as a hand-built consumer had them. Services run it beside HTTP (a hybrid
 * app), started once the modules are initialised (schemas migrated) and closed before the database.
 */
export class InboxTransport extends Server implements CustomTransportStrategy {
  constructor(private readonly consumers: InboxConsumers) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.consumers.open(this.groups());
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumers.close();
  }

  on(): never {
    throw new Error('the inbox transport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumers as T;
  }

  /** One group per decorated method, whose patterns are its topics. */
  private groups(): OpenedGroup[] {
    const byGroup = new Map<string, OpenedGroup>();
    for (const [topic, method] of this.messageHandlers) {
      const group = (method.extras?.[INBOX_GROUP] ?? undefined) as InboxGroup | undefined;
      if (!group) throw new Error(`the handler of ${topic} is not declared with @InboxEvents: it names no consumer group`);
      // Nest chains a second handler of one pattern behind the first: two groups of one service on
      // one topic would each need their own delivery, which a chain cannot give
      if (method.next) throw new Error(`${topic} has two handlers in this service; give each its own consumer group and topic`);
      // Nest wraps the method once per pattern (topic); one @InboxEvents call is one settings object
      const known = byGroup.get(group.groupId);
      if (known && known.group !== group) throw new Error(`the consumer group ${group.groupId} is declared by two methods`);
      if (known) continue;
      byGroup.set(group.groupId, {
        group,
        ...(group.batch
          ? {
              // a batch taken apart is handed over one delivery at a time, as a batch of one
              handler: (tx, event, meta) => settle(method([{ event, meta }], new InboxBatchContext([tx]))),
              batchHandler: (tx, deliveries) => settle(method(deliveries, new InboxBatchContext([tx]))),
            }
          : { handler: (tx, event, meta) => settle(method(event, new InboxContext([tx, meta]))) }),
      });
    }
    return [...byGroup.values()];
  }
}

/** A handler's outcome, whether it answered with a promise or a stream: its failure is the consumer's retry. */
async function settle(result: Promise<unknown>): Promise<void> {
  const value = await result;
  if (isObservable(value)) await lastValueFrom(value as Observable<unknown>, { defaultValue: undefined });
}

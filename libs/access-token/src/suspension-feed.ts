import { randomUUID } from 'node:crypto';
import { IDENTITY_TOPICS, parsePayload } from '@gridledger/contracts';
import { consumerFailover, createKafka, type KafkaConnection } from '@gridledger/kafka-client';
import { Logger, type Provider } from '@nestjs/common';
import type { Consumer } from 'kafkajs';

/** Who may no longer use a token they still hold. */
export interface SuspensionList {
  isSuspended(userId: string): boolean;
}

/** A fixed list, for tests and for a service that runs without Kafka. */
export class StaticSuspensions implements SuspensionList {
  private readonly suspended: ReadonlySet<string>;

  constructor(suspended: ReadonlySet<string> = new Set()) {
    this.suspended = suspended;
  }

  isSuspended(userId: string): boolean {
    return this.suspended.has(userId);
  }
}

const TOPICS = [IDENTITY_TOPICS.userSuspended, IDENTITY_TOPICS.userReactivated];

/**
 * The identity service's suspensions and reactivations, followed from Kafka, so that every
 * service refuses a suspended user's access token within a second or two instead of honouring it
 * until it expires. Each process reads both topics from the beginning with a group of its own
 * (no offsets committed), so a restart rebuilds the list; events are keyed by user, so one user's
 * suspension and reactivation arrive in order.
 */
export class SuspensionFeed implements SuspensionList {
  private readonly suspended = new Set<string>();
  private consumer: Consumer | undefined;
  private readonly connection: KafkaConnection;
  private readonly groupPrefix: string;
  private readonly log: (message: string) => void;

  /** `groupPrefix` is `gridledger-<service>`: the group `<prefix>-suspensions-<random>` falls inside the service's own ACLs. */
  constructor(connection: KafkaConnection, groupPrefix: string, log: (message: string) => void = () => undefined) {
    this.connection = connection;
    this.groupPrefix = groupPrefix;
    this.log = log;
  }

  isSuspended(userId: string): boolean {
    return this.suspended.has(userId);
  }

  /** Applies one event; exported behaviour for the unit tests. */
  apply(topic: string, value: unknown): void {
    const event = value as { data?: unknown };
    if (topic === IDENTITY_TOPICS.userSuspended) this.suspended.add(parsePayload(IDENTITY_TOPICS.userSuspended, event.data).userId);
    else if (topic === IDENTITY_TOPICS.userReactivated) this.suspended.delete(parsePayload(IDENTITY_TOPICS.userReactivated, event.data).userId);
  }

  async start(): Promise<void> {
    const kafka = createKafka(`${this.groupPrefix}-suspensions`, this.connection);
    const admin = kafka.admin();
    await admin.connect();
    try {
      // a fresh platform has had no suspension yet: the topics may not exist
      await admin.createTopics({ topics: TOPICS.map((topic) => ({ topic })), waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    const consumer = kafka.consumer({ groupId: `${this.groupPrefix}-suspensions-${randomUUID()}`, readUncommitted: false, ...consumerFailover() });
    await consumer.connect();
    await consumer.subscribe({ topics: TOPICS, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, message }) => {
        try {
          this.apply(topic, JSON.parse(message.value?.toString() ?? ''));
        } catch (error) {
          // a malformed event changes nothing here; the audit service dead-letters it for people to see
          this.log(`suspension feed: skipped an unreadable event on ${topic}: ${(error as Error).message}`);
        }
      },
    });
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /** Nest's lifecycle hook, by name: a service registers the feed as a provider and nothing more. */
  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  /** Nest's lifecycle hook, by name. */
  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}

/**
 * The Nest provider of a service's feed: `configToken` names the service's config, whose `kafka`
 * is its own principal; the group falls under `gridledger-<service>`, inside its ACLs.
 */
export function suspensionFeedProvider(configToken: symbol, service: string): Provider {
  return {
    provide: SuspensionFeed,
    inject: [configToken],
    useFactory: (config: { kafka: KafkaConnection }) => {
      const logger = new Logger('Suspensions');
      return new SuspensionFeed(config.kafka, `gridledger-${service}`, (message) => logger.warn(message));
    },
  };
}

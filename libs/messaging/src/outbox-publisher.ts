import { createKafka, type KafkaConnection } from '@gridledger/kafka-client';
import type pg from 'pg';
import type { MessagingLogger } from './logger.ts';
import { servicePool } from './service-pool.ts';
import type { MessagingMetrics } from './metrics.ts';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.ts';
import { SingletonLease } from './singleton-lease.ts';

export interface OutboxPublisherOptions extends Omit<OutboxRelayOptions, 'logger'> {
  databaseUrl: string;
  /** the service's own Kafka principal */
  kafka: KafkaConnection;
  clientId: string;
  logger: MessagingLogger;
}

/**
 * A service's outbox relay (exactly-once, transactional) with its own small pool and Kafka client:
 * start it with the service, stop it with it. Among a service's replicas only the one holding the
 * outbox lease relays: two relays would share one transactional id and fence each other, and
 * their batches could overtake each other.
 */
export class OutboxPublisher {
  private readonly pool: pg.Pool;
  private readonly relay: OutboxRelay;
  private readonly lease: SingletonLease;

  constructor(options: OutboxPublisherOptions) {
    const { databaseUrl, kafka: connection, clientId, logger, ...relayOptions } = options;
    this.pool = servicePool({ connectionString: databaseUrl, max: 2 }, logger);
    const kafka = createKafka(clientId, connection);
    // a service's events are public: exactly once on the topic, so outside consumers need not deduplicate
    const lease = new SingletonLease({ connectionString: databaseUrl, name: `${clientId}-outbox`, logger });
    this.lease = lease;
    this.relay = new OutboxRelay(this.pool, kafka, { transactionalId: `${clientId}-outbox`, ...relayOptions, logger, fence: (db) => lease.assertHeld(db) });
  }

  /** whether this replica is the one relaying */
  get relaying(): boolean {
    return this.lease.held;
  }

  /** what the relay has produced, for a service's metrics endpoint */
  get metrics(): MessagingMetrics {
    return this.relay.metrics;
  }

  start(): void {
    this.lease.run({ start: () => this.relay.start(), stop: () => this.relay.stop() });
  }

  async stop(): Promise<void> {
    await this.lease.stop();
    await this.pool.end();
  }

  /** Nest's lifecycle hook, by name: a service registers the publisher as a provider and nothing more. */
  onApplicationBootstrap(): void {
    this.start();
  }

  /** Nest's lifecycle hook, by name. */
  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}

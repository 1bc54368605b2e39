import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxPublisher } from '@gridledger/messaging';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';

/** Publishes the relayed chain events from the outbox to Kafka, for the life of the service. */
@Injectable()
export class OutboxPublisherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly publisher: OutboxPublisher;

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    this.publisher = new OutboxPublisher({
      databaseUrl: config.LEDGER_DATABASE_URL,
      brokers: config.LEDGER_KAFKA_BROKERS.split(','),
      clientId: 'gridledger-ledger',
      // the relay sits between a block's commit and the domain event on Kafka: poll often
      pollIntervalMs: 100,
      logger: new Logger('Outbox'),
    });
  }

  get metrics() {
    return this.publisher.metrics;
  }

  onApplicationBootstrap(): void {
    this.publisher.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.publisher.stop();
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxPublisher } from '@gridledger/messaging';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';

/** Publishes this service's events and ledger commands from its outbox, for the life of the service. */
@Injectable()
export class OutboxPublisherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly publisher: OutboxPublisher;

  constructor(@Inject(STORAGE_CONFIG) config: StorageConfig) {
    this.publisher = new OutboxPublisher({
      databaseUrl: config.STORAGE_DATABASE_URL,
      brokers: config.STORAGE_KAFKA_BROKERS.split(','),
      clientId: 'gridledger-storage',
      // ledger commands wait in here while a download or key release waits for their answer
      pollIntervalMs: 50,
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

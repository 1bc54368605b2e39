import { Logger, type Provider } from '@nestjs/common';
import { OutboxPublisher } from '@gridledger/messaging';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';

/** Publishes this service's events and ledger commands from its outbox, for the life of the service. */
export const outboxPublisherProvider: Provider = {
  provide: OutboxPublisher,
  inject: [STORAGE_CONFIG],
  useFactory: (config: StorageConfig) =>
    new OutboxPublisher({
      databaseUrl: config.STORAGE_DATABASE_URL,
      kafka: config.kafka,
      clientId: 'gridledger-storage',
      // ledger commands wait in here while a download or key release waits for their answer
      pollIntervalMs: 50,
      logger: new Logger('Outbox'),
    }),
};

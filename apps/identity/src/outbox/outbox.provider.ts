import { Logger, type Provider } from '@nestjs/common';
import { OutboxPublisher } from '@gridledger/messaging';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';

/** Publishes what the service wrote to its outbox, for the life of the service, as its own Kafka principal. */
export const outboxPublisherProvider: Provider = {
  provide: OutboxPublisher,
  inject: [IDENTITY_CONFIG],
  useFactory: (config: IdentityConfig) => new OutboxPublisher({ databaseUrl: config.databaseUrl, kafka: config.kafka, clientId: 'gridledger-identity', logger: new Logger('Outbox') }),
};

import { Logger, type Provider } from '@nestjs/common';
import { OutboxPublisher } from '@gridledger/messaging';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';

/** Publishes this service's events and ledger commands from its outbox, for the life of the service. */
export const outboxPublisherProvider: Provider = {
  provide: OutboxPublisher,
  inject: [ACCESS_POLICY_CONFIG],
  useFactory: (config: AccessPolicyConfig) =>
    new OutboxPublisher({
      databaseUrl: config.ACCESS_POLICY_DATABASE_URL,
      kafka: config.kafka,
      clientId: 'gridledger-access-policy',
      // ledger commands wait in here while an HTTP request waits for their answer
      pollIntervalMs: 50,
      logger: new Logger('Outbox'),
    }),
};

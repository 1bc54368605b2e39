import { Logger, type Provider } from '@nestjs/common';
import { OutboxPublisher } from '@gridledger/messaging';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';

/** Publishes the relayed chain events and the command answers from the outbox, for the life of the service. */
export const outboxPublisherProvider: Provider = {
  provide: OutboxPublisher,
  inject: [LEDGER_CONFIG],
  useFactory: (config: LedgerConfig) =>
    new OutboxPublisher({
      databaseUrl: config.LEDGER_DATABASE_URL,
      kafka: config.kafka,
      clientId: 'gridledger-ledger',
      // the relay sits between a block's commit and the domain event on Kafka: inserts wake it
      // (NOTIFY), and under load a block's events and its commands' answers go in one Kafka
      // transaction rather than several
      pollIntervalMs: 100,
      batchSize: 500,
      logger: new Logger('Outbox'),
    }),
};

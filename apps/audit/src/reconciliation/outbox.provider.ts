import { Logger, type Provider } from '@nestjs/common';
import { OutboxPublisher } from '@gridledger/messaging';
import { AUDIT_CONFIG, type AuditConfig } from '../config/audit-config.ts';

/** Publishes what reconciliation finds (integrity violations, run reports) from the audit outbox. */
export const outboxPublisherProvider: Provider = {
  provide: OutboxPublisher,
  inject: [AUDIT_CONFIG],
  useFactory: (config: AuditConfig) =>
    new OutboxPublisher({
      databaseUrl: config.AUDIT_DATABASE_URL,
      kafka: config.kafka,
      clientId: 'gridledger-audit',
      logger: new Logger('Outbox'),
    }),
};

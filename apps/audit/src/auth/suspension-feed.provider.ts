import { Logger, type Provider } from '@nestjs/common';
import { SuspensionFeed } from '@gridledger/access-token';
import { AUDIT_CONFIG, type AuditConfig } from '../config/audit-config.ts';

/** Suspensions from the identity service's events, so a suspended user's token is refused here within seconds. */
export const suspensionFeedProvider: Provider = {
  provide: SuspensionFeed,
  inject: [AUDIT_CONFIG],
  useFactory: (config: AuditConfig) => {
    const logger = new Logger('Suspensions');
    return new SuspensionFeed(config.kafka, 'gridledger-audit', (message) => logger.warn(message));
  },
};

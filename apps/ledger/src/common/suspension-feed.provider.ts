import { Logger, type Provider } from '@nestjs/common';
import { SuspensionFeed } from '@gridledger/access-token';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';

/** Suspensions from the identity service's events, so a suspended user's token is refused here within seconds. */
export const suspensionFeedProvider: Provider = {
  provide: SuspensionFeed,
  inject: [LEDGER_CONFIG],
  useFactory: (config: LedgerConfig) => {
    const logger = new Logger('Suspensions');
    return new SuspensionFeed(config.kafka, 'gridledger-ledger', (message) => logger.warn(message));
  },
};

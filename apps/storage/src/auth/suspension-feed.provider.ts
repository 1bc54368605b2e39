import { Logger, type Provider } from '@nestjs/common';
import { SuspensionFeed } from '@gridledger/access-token';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';

/** Suspensions from the identity service's events, so a suspended user's token is refused here within seconds. */
export const suspensionFeedProvider: Provider = {
  provide: SuspensionFeed,
  inject: [STORAGE_CONFIG],
  useFactory: (config: StorageConfig) => {
    const logger = new Logger('Suspensions');
    return new SuspensionFeed(config.kafka, 'gridledger-storage', (message) => logger.warn(message));
  },
};

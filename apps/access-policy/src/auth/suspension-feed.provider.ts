import { Logger, type Provider } from '@nestjs/common';
import { SuspensionFeed } from '@gridledger/access-token';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';

/** Suspensions from the identity service's events, so a suspended user's token is refused here within seconds. */
export const suspensionFeedProvider: Provider = {
  provide: SuspensionFeed,
  inject: [ACCESS_POLICY_CONFIG],
  useFactory: (config: AccessPolicyConfig) => {
    const logger = new Logger('Suspensions');
    return new SuspensionFeed(config.kafka, 'gridledger-access-policy', (message) => logger.warn(message));
  },
};

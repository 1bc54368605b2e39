import { Logger, type InjectionToken, type Provider } from '@nestjs/common';
import { OutboxPublisher, type OutboxPublisherOptions } from '@gridledger/messaging';

export interface OutboxPublisherProviderOptions<Config> {
  /** the token under which the service provides its typed config */
  configToken: InjectionToken;
  /** the service's own relay settings (database, Kafka principal, client id, tuning), from its config */
  options: (config: Config) => Omit<OutboxPublisherOptions, 'logger'>;
}

/**
 * The service's `OutboxPublisher` as a Nest provider: it publishes what the service wrote to its
 * outbox, for the life of the service, as the service's own Kafka principal, logging as `Outbox`.
 */
export function outboxPublisherProvider<Config>({ configToken, options }: OutboxPublisherProviderOptions<Config>): Provider {
  return {
    provide: OutboxPublisher,
    inject: [configToken],
    useFactory: (config: Config) => new OutboxPublisher({ ...options(config), logger: new Logger('Outbox') }),
  };
}

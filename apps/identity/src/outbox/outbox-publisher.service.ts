import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxPublisher } from '@gridledger/messaging';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';

/** Publishes what the service wrote to its outbox, for the life of the service. */
@Injectable()
export class OutboxPublisherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly publisher: OutboxPublisher;

  constructor(@Inject(IDENTITY_CONFIG) config: IdentityConfig) {
    this.publisher = new OutboxPublisher({ databaseUrl: config.databaseUrl, brokers: config.kafkaBrokers, clientId: 'gridledger-identity', logger: new Logger('Outbox') });
  }

  onApplicationBootstrap(): void {
    this.publisher.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.publisher.stop();
  }
}

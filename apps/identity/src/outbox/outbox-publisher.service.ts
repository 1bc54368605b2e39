import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from '@gridledger/messaging';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config.ts';

/** Publishes what the service wrote to its outbox, for the life of the service. */
@Injectable()
export class OutboxPublisherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pool: pg.Pool;
  private readonly relay: OutboxRelay;

  constructor(@Inject(IDENTITY_CONFIG) config: IdentityConfig) {
    const logger = new Logger('Outbox');
    this.pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
    const kafka = new Kafka({ clientId: 'gridledger-identity', brokers: config.kafkaBrokers, logLevel: logLevel.ERROR });
    this.relay = new OutboxRelay(this.pool, kafka, { logger });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.pool.end();
  }
}

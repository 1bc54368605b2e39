import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { migrateSchema, servicePool } from '@gridledger/messaging';
import type pg from 'pg';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LEDGER_MIGRATIONS } from './ledger-migrations.ts';

/**
 * The service's PostgreSQL pool. Closed last (onApplicationShutdown), after the consumers and
 * relays that use it have stopped in onModuleDestroy.
 */
@Injectable()
export class LedgerDatabase implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;
  private readonly logger = new Logger('Database');

  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    // no connection is held across network I/O: the intake's 16 partitions, the batched writes of
    // the pipeline, the chain-event relay, the outbox publisher and the reads
    this.pool = servicePool({ connectionString: config.LEDGER_DATABASE_URL, max: 24 }, this.logger);
  }

  async onModuleInit(): Promise<void> {
    await migrateSchema({ connectionString: this.config.LEDGER_DATABASE_URL, migrations: LEDGER_MIGRATIONS, logger: this.logger });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

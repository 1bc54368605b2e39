import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { servicePool } from '@gridledger/messaging';
import type pg from 'pg';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LEDGER_SCHEMA_SQL } from './ledger-schema.ts';

/**
 * The service's PostgreSQL pool. Closed last (onApplicationShutdown), after the consumers and
 * relays that use it have stopped in onModuleDestroy.
 */
@Injectable()
export class LedgerDatabase implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    // no connection is held across network I/O: the intake's 16 partitions, the batched writes of
    // the pipeline, the chain-event relay, the outbox publisher and the reads
    this.pool = servicePool({ connectionString: config.LEDGER_DATABASE_URL, max: 24 }, new Logger('Database'));
  }

  async onModuleInit(): Promise<void> {
    await this.pool.query(LEDGER_SCHEMA_SQL);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

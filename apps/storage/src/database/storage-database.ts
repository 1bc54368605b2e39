import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { inTransaction } from '@gridledger/messaging';
import { servicePool } from '@gridledger/messaging';
import type pg from 'pg';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { STORAGE_SCHEMA_SQL } from './storage-schema.ts';

/** The service's PostgreSQL pool, closed after the consumers that use it (onModuleDestroy) have stopped. */
@Injectable()
export class StorageDatabase implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(@Inject(STORAGE_CONFIG) config: StorageConfig) {
    this.pool = servicePool({ connectionString: config.STORAGE_DATABASE_URL, max: 10 }, new Logger('Database'));
  }

  async onModuleInit(): Promise<void> {
    await this.pool.query(STORAGE_SCHEMA_SQL);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }
}

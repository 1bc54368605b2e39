import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { inTransaction, migrateSchema, servicePool } from '@gridledger/messaging';
import type pg from 'pg';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { STORAGE_MIGRATIONS } from './storage-migrations.ts';

/** The service's PostgreSQL pool, closed after the consumers that use it (onModuleDestroy) have stopped. */
@Injectable()
export class StorageDatabase implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;
  private readonly logger = new Logger('Database');

  constructor(@Inject(STORAGE_CONFIG) private readonly config: StorageConfig) {
    this.pool = servicePool({ connectionString: config.STORAGE_DATABASE_URL, max: 10 }, this.logger);
  }

  async onModuleInit(): Promise<void> {
    await migrateSchema({ connectionString: this.config.STORAGE_DATABASE_URL, migrations: STORAGE_MIGRATIONS, logger: this.logger });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }
}

import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';
import { STORAGE_SCHEMA_SQL } from './storage-schema.ts';

/** The service's PostgreSQL pool, closed after the consumers that use it (onModuleDestroy) have stopped. */
@Injectable()
export class StorageDatabase implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(@Inject(STORAGE_CONFIG) config: StorageConfig) {
    this.pool = new pg.Pool({ connectionString: config.STORAGE_DATABASE_URL, max: 10 });
  }

  async onModuleInit(): Promise<void> {
    await this.pool.query(STORAGE_SCHEMA_SQL);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /** Runs `work` in one transaction. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

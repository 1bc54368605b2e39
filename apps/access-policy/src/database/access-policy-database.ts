import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { ACCESS_POLICY_SCHEMA_SQL } from './access-policy-schema.ts';

/** The service's PostgreSQL pool, closed after the consumers that use it (onModuleDestroy) have stopped. */
@Injectable()
export class AccessPolicyDatabase implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(@Inject(ACCESS_POLICY_CONFIG) config: AccessPolicyConfig) {
    this.pool = new pg.Pool({ connectionString: config.ACCESS_POLICY_DATABASE_URL, max: 10 });
  }

  async onModuleInit(): Promise<void> {
    await this.pool.query(ACCESS_POLICY_SCHEMA_SQL);
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

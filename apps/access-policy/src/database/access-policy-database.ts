import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { inTransaction, migrateSchema, servicePool } from '@gridledger/messaging';
import type pg from 'pg';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { ACCESS_POLICY_MIGRATIONS } from './access-policy-migrations.ts';

/** The service's PostgreSQL pool, closed after the consumers that use it (onModuleDestroy) have stopped. */
@Injectable()
export class AccessPolicyDatabase implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;
  private readonly logger = new Logger('Database');

  constructor(@Inject(ACCESS_POLICY_CONFIG) private readonly config: AccessPolicyConfig) {
    this.pool = servicePool({ connectionString: config.ACCESS_POLICY_DATABASE_URL, max: 10 }, this.logger);
  }

  async onModuleInit(): Promise<void> {
    await migrateSchema({ connectionString: this.config.ACCESS_POLICY_DATABASE_URL, migrations: ACCESS_POLICY_MIGRATIONS, logger: this.logger });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }
}

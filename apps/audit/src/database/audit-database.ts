import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { inTransaction, migrateSchema, servicePool } from '@gridledger/messaging';
import type pg from 'pg';
import { AUDIT_CONFIG, type AuditConfig } from '../config/audit-config.ts';
import { AUDIT_MIGRATIONS } from './audit-migrations.ts';

/** The service's PostgreSQL pool, closed after the consumer (stopped in onModuleDestroy). */
@Injectable()
export class AuditDatabase implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;
  private readonly logger = new Logger('Database');

  constructor(@Inject(AUDIT_CONFIG) private readonly config: AuditConfig) {
    this.pool = servicePool({ connectionString: config.AUDIT_DATABASE_URL, max: 8 }, this.logger);
  }

  async onModuleInit(): Promise<void> {
    await migrateSchema({ connectionString: this.config.AUDIT_DATABASE_URL, migrations: AUDIT_MIGRATIONS, logger: this.logger });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }
}

import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { sleep } from './backoff.ts';
import type { MessagingLogger } from './logger.ts';
import { isDatabaseUnreachable } from './service-pool.ts';

/** A versioned migration: TypeORM's, named `<Purpose><13-digit timestamp>`. */
export type SchemaMigration = new () => MigrationInterface;

/**
 * The advisory lock every migration run holds. Each service owns its own database and advisory
 * locks are scoped to the database, so one key serves all of them.
 */
const MIGRATION_LOCK_KEY = 4_801_739_162;

/**
 * Runs the migrations `source` has not applied yet, one at a time across processes.
 *
 * TypeORM takes no lock of its own: two replicas starting together would both find a migration
 * pending, both run it, and both record it (or the second fail on a statement that is not
 * idempotent and crash-loop). The first replica here holds the lock while it migrates; the next
 * waits, then finds nothing left to do. The lock is a session's, so a replica killed while it
 * migrates releases it with its connection, and its migration's transaction is rolled back.
 */
export async function runMigrationsExclusively(source: DataSource): Promise<string[]> {
  const session = source.createQueryRunner();
  await session.connect();
  try {
    await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await source.runMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await session.release();
  }
}

export interface MigrateSchemaOptions {
  connectionString: string;
  migrations: readonly SchemaMigration[];
  logger: Pick<MessagingLogger, 'warn' | 'log'>;
  /** how long to wait for a database that is down or starting up */
  timeoutMs?: number;
}

/**
 * Brings a service's database to its latest schema at boot, through a short-lived TypeORM data
 * source (the services query through their own pg pools; TypeORM is here for its versioned
 * migrations and their record, the `migrations` table).
 *
 * It waits while the database is unreachable or still recovering: a service restarted beside a
 * PostgreSQL that is itself coming back would otherwise exit, and every such exit counts against
 * the supervisor's crash-loop limit. A migration the database refuses fails at once.
 */
export async function migrateSchema(options: MigrateSchemaOptions): Promise<string[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (let delay = 250; ; delay = Math.min(delay * 2, 2_000)) {
    const source = new DataSource({
      type: 'postgres',
      url: options.connectionString,
      migrations: [...options.migrations],
      // a refused migration leaves the ones before it applied, so the next start begins at it
      migrationsTransactionMode: 'each',
      logging: ['error'],
      // the lock's session and the migration's transaction
      extra: { max: 2 },
    });
    try {
      await source.initialize();
      const applied = await runMigrationsExclusively(source);
      if (applied.length > 0) options.logger.log(`applied the schema migrations ${applied.join(', ')}`);
      return applied;
    } catch (error) {
      if (!isDatabaseUnreachable(error) || Date.now() + delay > deadline) throw error;
      options.logger.warn(`the database is not reachable yet (${(error as Error).message}); migrating the schema again in ${delay} ms`);
      await sleep(delay);
    } finally {
      if (source.isInitialized) await source.destroy();
    }
  }
}

/**
 * A service's first versioned migration: the schema as the service applied it at every boot
 * before it had migrations. That SQL is idempotent (`if not exists`), so on a database that
 * already has the tables it changes nothing and is recorded as applied; on a new one it creates
 * them. Every later change is a migration of its own.
 *
 * The shared tables' SQL inside it comes from the libraries that own those tables (outbox and
 * inbox, ledger commands, one-time links); a later change to one of them is a new migration in each
 * service that has the table.
 */
export function baselineMigration(name: string, sql: string, tables: readonly string[]): SchemaMigration {
  return class implements MigrationInterface {
    name = name;

    async up(q: QueryRunner): Promise<void> {
      await q.query(sql);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`drop table if exists ${tables.join(', ')}`);
    }
  };
}

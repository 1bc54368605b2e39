import { createTestDatabase, type TestDatabase } from '@gridledger/testing';
import pg from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { baselineMigration, migrateSchema, type SchemaMigration } from '../src/index.ts';

const quiet = { warn: () => undefined, log: () => undefined };

/** Not idempotent on purpose: run twice, it fails on the table that is already there. */
class CreateReadings1700000000001 implements MigrationInterface {
  name = 'CreateReadings1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query('create table readings (id int primary key)');
    // slow enough that a second replica starting beside this one would otherwise run it too
    await q.query('select pg_sleep(0.5)');
    await q.query('insert into readings values (1)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table readings');
  }
}

class Refused1700000000002 implements MigrationInterface {
  name = 'Refused1700000000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table readings add column kwh numeric');
    await q.query('create tabel broken (id int)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table readings drop column kwh');
  }
}

describe('migrateSchema against PostgreSQL', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: database?.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const migrate = (migrations: SchemaMigration[]) => migrateSchema({ connectionString: database?.url ?? '', migrations, logger: quiet });

  it('runs each migration once when replicas start together, and nothing on the next start', async () => {
    database = await createTestDatabase('migrations');
    const runs = await Promise.all([migrate([CreateReadings1700000000001]), migrate([CreateReadings1700000000001]), migrate([CreateReadings1700000000001])]);
    expect(runs.flat()).toEqual(['CreateReadings1700000000001']);
    expect(await query('select name from migrations')).toEqual([{ name: 'CreateReadings1700000000001' }]);
    expect(await query('select id from readings')).toEqual([{ id: 1 }]);
    expect(await migrate([CreateReadings1700000000001])).toEqual([]);
  });

  it('keeps the migrations before a refused one, and leaves nothing of the refused one', async () => {
    database = await createTestDatabase('migrations');
    await expect(migrate([CreateReadings1700000000001, Refused1700000000002])).rejects.toMatchObject({ code: '42601' });
    expect(await query('select name from migrations')).toEqual([{ name: 'CreateReadings1700000000001' }]);
    expect(await query(`select count(*)::int as n from information_schema.columns where table_name = 'readings' and column_name = 'kwh'`)).toEqual([{ n: 0 }]);
  });

  it('adopts a database that already has the baseline tables: recorded as applied, its rows untouched', async () => {
    database = await createTestDatabase('migrations');
    const baselineSql = 'create table if not exists meters (id int primary key); create index if not exists meters_id on meters (id);';
    await query(baselineSql);
    await query('insert into meters values (7)');
    const Baseline = baselineMigration('MetersBaseline1700000000000', baselineSql, ['meters']);
    expect(await migrate([Baseline])).toEqual(['MetersBaseline1700000000000']);
    expect(await query('select id from meters')).toEqual([{ id: 7 }]);
  });
});

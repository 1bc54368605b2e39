import 'reflect-metadata';
import { createTestDatabase } from '@gridledger/testing';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { expect, it } from 'vitest';
import { IDENTITY_ENTITIES } from '../src/database/entities.ts';
import { InitialSchema1764000000000 } from '../src/database/migrations/0001-initial-schema.ts';
import { OutboxWriteOrder1764100000000 } from '../src/database/migrations/0002-outbox-write-order.ts';
import { SignatureLogOutcomes1764200000000 } from '../src/database/migrations/0003-signature-log-outcomes.ts';
import { Accounts1764300000000 } from '../src/database/migrations/0004-accounts.ts';

const BEFORE = [InitialSchema1764000000000, OutboxWriteOrder1764100000000, SignatureLogOutcomes1764200000000];
const dataSource = (url: string, migrations: DataSourceOptions['migrations']) => new DataSource({ type: 'postgres', url, entities: IDENTITY_ENTITIES, migrations });

it('migration 0004 gives the users already there their username as display name, and reverts and reapplies cleanly', async () => {
  const database = await createTestDatabase('identity');
  try {
    const before = await dataSource(database.url, BEFORE).initialize();
    await before.runMigrations();
    await before.query(`insert into organizations (msp_id, name) values ('GridMSP', 'Grid company')`);
    await before.query(`insert into users (id, username, email, msp_id, role, status, password_hash, enrollment_id, certificate_pem, fabric_key_wrapped, encryption_public_key)
      values ('00000000-0000-4000-8000-000000000001', 'steward', 's@grid.example', 'GridMSP', 'owner', 'active', 'h', 'e.1', 'pem', '{}', 'k')`);
    await before.destroy();

    const after = await dataSource(database.url, [...BEFORE, Accounts1764300000000]).initialize();
    try {
      await after.runMigrations();
      expect(await after.query('select display_name from users')).toEqual([{ display_name: 'steward' }]);
      await after.undoLastMigration();
      expect(await after.query(`select count(*)::int as n from information_schema.tables where table_name = 'password_reset_tokens'`)).toEqual([{ n: 0 }]);
      await after.runMigrations();
      expect(await after.query('select display_name from users')).toEqual([{ display_name: 'steward' }]);
    } finally {
      await after.destroy();
    }
  } finally {
    await database.drop();
  }
});

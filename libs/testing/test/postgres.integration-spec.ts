import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, stackConnections, type TestDatabase } from '../src/index.ts';

@Entity({ name: 'meter_reading' })
class MeterReading {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  meterId!: string;

  @Column({ type: 'double precision' })
  kilowattHours!: number;

  @Column({ type: 'timestamptz' })
  readAt!: Date;
}

describe('PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [MeterReading], synchronize: true });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('writes and reads a TypeORM entity', async () => {
    const readings = dataSource.getRepository(MeterReading);
    const readAt = new Date('2026-11-24T08:15:00Z');
    await readings.save({ id: 'r-1', meterId: 'meter-42', kilowattHours: 12.375, readAt });
    const found = await readings.findOneByOrFail({ id: 'r-1' });
    expect(found).toEqual({ id: 'r-1', meterId: 'meter-42', kilowattHours: 12.375, readAt });
  });

  it('has a database of its own for every service', async () => {
    const result = await dataSource.query('select datname from pg_database order by datname');
    const names = (result as { datname: string }[]).map((r) => r.datname);
    expect(names).toEqual(expect.arrayContaining(Object.keys(stackConnections().postgres.credentials.services)));
  });
});

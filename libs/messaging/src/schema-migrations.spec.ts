import { describe, expect, it } from 'vitest';
import { migrateSchema } from './schema-migrations.ts';

const unreachable = 'postgres://nobody@127.0.0.1:1/none';

describe('migrateSchema', () => {
  it('waits while the database is unreachable and gives up at its deadline with the last error', async () => {
    const warnings: string[] = [];
    const started = Date.now();
    await expect(migrateSchema({ connectionString: unreachable, migrations: [], logger: { warn: (m) => void warnings.push(m), log: () => undefined }, timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings[0]).toMatch(/^the database is not reachable yet \(.*ECONNREFUSED.*\); migrating the schema again in 250 ms$/);
  });
});

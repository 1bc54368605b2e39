import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { enqueueLedgerCommand, InvalidLedgerCommandError } from './ledger-commands.ts';

/** Records the statements instead of running them: what matters here is what is written, and what is not. */
const recordingDb = () => {
  const statements: { sql: string; values: unknown[] }[] = [];
  const db = { query: async (sql: string, values: unknown[]) => void statements.push({ sql, values }) } as unknown as pg.ClientBase;
  return { db, statements };
};

const request = { source: '/gridledger/test', subject: 'asset-1', requestedBy: 'test', contract: 'access' as const, transaction: 'RequestAccess', arguments: ['{}'] };

describe('enqueueLedgerCommand', () => {
  it('writes the command record and its outbox event, keyed by the subject', async () => {
    const { db, statements } = recordingDb();
    const commandId = await enqueueLedgerCommand(db, { ...request, userId: '7b0c8f36-3a6f-4a53-9d6e-0f2f1f0a9a11' });
    expect(statements).toHaveLength(2);
    expect(statements[0]?.values).toEqual([commandId, 'asset-1', 'RequestAccess']);
    expect(statements[1]?.sql).toMatch(/insert into outbox/);
    expect(statements[1]?.values).toContain('asset-1');
  });

  it('refuses a command the ledger could not read, and writes nothing', async () => {
    const { db, statements } = recordingDb();
    await expect(enqueueLedgerCommand(db, { ...request, userId: 'cons-analyst-042' })).rejects.toBeInstanceOf(InvalidLedgerCommandError);
    expect(statements).toEqual([]);
  });
});

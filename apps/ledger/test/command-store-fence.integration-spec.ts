import { randomUUID } from 'node:crypto';
import { LEDGER_TOPICS } from '@gridledger/contracts';
import { inTransaction, LeaseLostError, migrateSchema, servicePool } from '@gridledger/messaging';
import { createTestDatabase, type TestDatabase } from '@gridledger/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, SubmitCommand } from '../src/commands/command-processor.ts';
import { CommandStore } from '../src/commands/command-store.ts';
import { LEDGER_MIGRATIONS } from '../src/database/ledger-migrations.ts';

describe('CommandStore fencing', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase('ledger_fence');
    pool = servicePool({ connectionString: database.url, max: 4 }, { warn: () => undefined });
    await migrateSchema({ connectionString: database.url, migrations: LEDGER_MIGRATIONS, logger: { warn: () => undefined, log: () => undefined } });
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('writes no answer for a replica that lost the pipeline lease; the holder answers the command once', async () => {
    const holder = new CommandStore(pool, async () => undefined);
    const former = new CommandStore(pool, async () => {
      throw new LeaseLostError('ledger-command-pipeline');
    });
    const command: SubmitCommand = { commandId: randomUUID(), userId: null, mspId: 'GridMSP', contract: 'system', transaction: 'Ping', arguments: ['fence'], requestedBy: 'test' };
    const eventId = randomUUID();
    await inTransaction(pool, (tx) => holder.recordBatch(tx, [{ eventId, key: command.commandId, command }], new Date(Date.now() + 60_000)));
    const answer: Answer = { topic: LEDGER_TOPICS.txCommitted, payload: { commandId: command.commandId, txId: 'tx-fence', blockNumber: '1', contract: 'system', transaction: 'Ping', result: null } };
    const state = async () => ({
      answer: (await pool.query<{ answer_topic: string | null }>('select answer_topic from ledger_commands where command_id = $1', [command.commandId])).rows[0]?.answer_topic ?? null,
      outbox: Number((await pool.query<{ n: string }>('select count(*)::text as n from outbox where id = $1', [`${eventId}:answer`])).rows[0]?.n),
    });

    await expect(former.saveAnswers([{ command, answer }])).rejects.toBeInstanceOf(LeaseLostError);
    expect(await state()).toEqual({ answer: null, outbox: 0 });

    await holder.saveAnswers([{ command, answer }]);
    expect(await state()).toEqual({ answer: LEDGER_TOPICS.txCommitted, outbox: 1 });
  });
});

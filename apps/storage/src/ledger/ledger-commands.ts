import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LEDGER_TOPICS, type TopicPayloads } from '@gridledger/contracts';
import { writeOutboxEvent } from '@gridledger/messaging';
import type pg from 'pg';
import { StorageError } from '../common/storage-error.ts';

export const EVENT_SOURCE = '/gridledger/storage';

type Command = TopicPayloads[typeof LEDGER_TOPICS.submitRequested];
export type LedgerAnswer =
  | { topic: typeof LEDGER_TOPICS.txCommitted; payload: TopicPayloads[typeof LEDGER_TOPICS.txCommitted] }
  | { topic: typeof LEDGER_TOPICS.txFailed; payload: TopicPayloads[typeof LEDGER_TOPICS.txFailed] };

/**
 * Asks the ledger for a transaction: the command goes through this service's outbox, in the
 * caller's transaction, and is remembered so its answer (consumed from Kafka) can be found.
 */
export async function enqueueLedgerCommand(db: pg.ClientBase, assetId: string, command: Pick<Command, 'userId' | 'contract' | 'transaction' | 'arguments'>): Promise<string> {
  const commandId = randomUUID();
  await db.query('insert into ledger_commands (command_id, asset_id, transaction) values ($1, $2, $3)', [commandId, assetId, command.transaction]);
  await writeOutboxEvent(db, EVENT_SOURCE, LEDGER_TOPICS.submitRequested, assetId, { commandId, mspId: null, requestedBy: 'storage', ...command });
  return commandId;
}

/** Waits for the ledger's answer to a command, as recorded by the answers consumer. */
export async function awaitLedgerAnswer(pool: pg.Pool, commandId: string, timeoutMs = 60_000): Promise<LedgerAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 50; Date.now() < deadline; wait = Math.min(wait * 2, 500)) {
    const { rows } = await pool.query<{ answer_topic: string | null; answer: unknown }>('select answer_topic, answer from ledger_commands where command_id = $1', [commandId]);
    const row = rows[0];
    if (row?.answer_topic) return { topic: row.answer_topic, payload: row.answer } as LedgerAnswer;
    await sleep(wait);
  }
  throw new StorageError('LEDGER_TIMEOUT', 'the ledger did not answer in time; the transaction may still commit — look it up before trying again', 504);
}

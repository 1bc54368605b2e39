import type pg from 'pg';
import type { PreparedTransaction } from '../fabric/transaction-submitter.ts';
import type { Answer, SubmitCommand } from './command-processor.ts';

interface CommandRow {
  tx_id: string | null;
  prepared_bytes: Buffer | null;
  prepared_signature: Buffer | null;
  endorsed_result: string | null;
  answer_topic: string | null;
  answer: unknown;
}

export interface CommandRecord {
  prepared: PreparedTransaction | undefined;
  answer: Answer | undefined;
}

/** The ledger's memory of each command: its signed transaction, then its answer. */
export class CommandStore {
  constructor(private readonly pool: pg.Pool) {}

  async find(db: pg.ClientBase, commandId: string): Promise<CommandRecord | undefined> {
    const { rows } = await db.query<CommandRow>('select tx_id, prepared_bytes, prepared_signature, endorsed_result, answer_topic, answer from ledger_commands where command_id = $1', [commandId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      prepared: row.tx_id && row.prepared_bytes && row.prepared_signature ? { txId: row.tx_id, bytes: row.prepared_bytes, signature: row.prepared_signature, result: row.endorsed_result } : undefined,
      answer: row.answer_topic ? ({ topic: row.answer_topic, payload: row.answer } as Answer) : undefined,
    };
  }

  /** Committed on its own, before the transaction goes to the orderer. */
  async savePrepared(command: SubmitCommand, prepared: PreparedTransaction): Promise<void> {
    await this.pool.query(
      `insert into ledger_commands (command_id, user_id, msp_id, contract, transaction, requested_by, tx_id, prepared_bytes, prepared_signature, endorsed_result)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (command_id) do update set tx_id = excluded.tx_id, prepared_bytes = excluded.prepared_bytes,
         prepared_signature = excluded.prepared_signature, endorsed_result = excluded.endorsed_result, updated_at = now()`,
      [command.commandId, command.userId, command.mspId, command.contract, command.transaction, command.requestedBy, prepared.txId, Buffer.from(prepared.bytes), Buffer.from(prepared.signature), prepared.result],
    );
  }

  /** Written in the consumer's transaction, with the answer's outbox row and the event id. */
  async saveAnswer(db: pg.ClientBase, command: SubmitCommand, answer: Answer): Promise<void> {
    await db.query(
      `insert into ledger_commands (command_id, user_id, msp_id, contract, transaction, requested_by, tx_id, answer_topic, answer)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (command_id) do update set answer_topic = excluded.answer_topic, answer = excluded.answer,
         tx_id = coalesce(excluded.tx_id, ledger_commands.tx_id), updated_at = now()`,
      [command.commandId, command.userId, command.mspId, command.contract, command.transaction, command.requestedBy, answer.payload.txId, answer.topic, JSON.stringify(answer.payload)],
    );
  }

  /** A transaction's status as far as this service knows it, for the status API. */
  async byTxId(txId: string): Promise<{ commandId: string; answerTopic: string | null; answer: unknown } | undefined> {
    const { rows } = await this.pool.query<{ command_id: string; answer_topic: string | null; answer: unknown }>('select command_id, answer_topic, answer from ledger_commands where tx_id = $1', [txId]);
    const row = rows[0];
    return row ? { commandId: row.command_id, answerTopic: row.answer_topic, answer: row.answer } : undefined;
  }
}

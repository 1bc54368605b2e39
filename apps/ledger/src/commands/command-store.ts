import { cloudEvent } from '@gridledger/contracts';
import type pg from 'pg';
import { EVENT_SOURCE } from '../chain-events/chain-event-message.ts';
import type { PreparedTransaction } from '../fabric/transaction-submitter.ts';
import type { Answer, SubmitCommand } from './command-processor.ts';

/** A command waiting for its answer, as the pipeline drives it. */
export interface PendingCommand {
  command: SubmitCommand;
  key: string;
  /** when this service first recorded it: its attestation is judged as of then */
  receivedAt: Date;
  deadline: number;
  prepared: PreparedTransaction | undefined;
}

export interface QueueHead {
  commandId: string;
  key: string;
}

interface PendingRow {
  command: SubmitCommand;
  message_key: string;
  created_at: Date;
  deadline_at: Date;
  tx_id: string | null;
  prepared_bytes: Buffer | null;
  prepared_signature: Buffer | null;
  endorsed_result: string | null;
}

/** Both writers of an answer take this lock, so an answer never misses a delivery being recorded. */
const lockCommands = (db: pg.ClientBase, commandIds: string[]) => db.query('select pg_advisory_xact_lock(h) from (select distinct hashtext(id) as h from unnest($1::text[]) as id order by h) as locks', [commandIds]);

const outboxEnvelope = (eventId: string, commandId: string, answer: Answer) =>
  JSON.stringify(cloudEvent({ id: `${eventId}:answer`, source: EVENT_SOURCE, type: answer.topic, subject: commandId, time: new Date(), data: answer.payload }));

/**
 * The ledger's memory of each command: as received, its signed transaction, then its answer,
 * with one answer in the outbox for every event that carried it.
 */
export class CommandStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Records a command delivery in the consumer's transaction. A command answered before (a
   * client re-sending it) is answered again at once, from the record.
   * @returns true when the answer came from the record
   */
  async record(db: pg.ClientBase, eventId: string, key: string, command: SubmitCommand, deadline: Date): Promise<boolean> {
    await lockCommands(db, [command.commandId]);
    const { rows } = await db.query<{ answer_topic: string | null; answer: unknown }>(
      `insert into ledger_commands (command_id, user_id, msp_id, contract, transaction, requested_by, command, message_key, deadline_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (command_id) do update set command = coalesce(ledger_commands.command, excluded.command),
         message_key = coalesce(ledger_commands.message_key, excluded.message_key), deadline_at = coalesce(ledger_commands.deadline_at, excluded.deadline_at)
       returning answer_topic, answer`,
      [command.commandId, command.userId, command.mspId, command.contract, command.transaction, command.requestedBy, JSON.stringify(command), key, deadline],
    );
    await db.query('insert into ledger_command_deliveries (event_id, command_id, message_key) values ($1, $2, $3) on conflict (event_id) do nothing', [eventId, command.commandId, key]);
    const row = rows[0];
    if (!row?.answer_topic) return false;
    const answer = { topic: row.answer_topic, payload: row.answer } as Answer;
    await db.query('insert into outbox (id, topic, message_key, envelope) values ($1, $2, $3, $4) on conflict (id) do nothing', [`${eventId}:answer`, answer.topic, key, outboxEnvelope(eventId, command.commandId, answer)]);
    return true;
  }

  /** The oldest unanswered commands, in order of arrival: the pipeline picks each key's first. */
  async queue(limit: number): Promise<QueueHead[]> {
    const { rows } = await this.pool.query<{ command_id: string; message_key: string }>(
      'select command_id, message_key from ledger_commands where answer_topic is null and command is not null order by seq limit $1',
      [limit],
    );
    return rows.map((row) => ({ commandId: row.command_id, key: row.message_key }));
  }

  async load(commandIds: string[]): Promise<PendingCommand[]> {
    const { rows } = await this.pool.query<PendingRow>(
      `select command, message_key, created_at, deadline_at, tx_id, prepared_bytes, prepared_signature, endorsed_result
       from ledger_commands where command_id = any($1::uuid[]) and answer_topic is null order by seq`,
      [commandIds],
    );
    return rows.map((row) => ({
      command: row.command,
      key: row.message_key,
      receivedAt: row.created_at,
      deadline: row.deadline_at.getTime(),
      prepared: row.tx_id && row.prepared_bytes && row.prepared_signature ? { txId: row.tx_id, bytes: row.prepared_bytes, signature: row.prepared_signature, result: row.endorsed_result } : undefined,
    }));
  }

  /** Committed before the transactions go to the orderer (one statement for the whole batch). */
  async savePrepared(batch: { command: SubmitCommand; prepared: PreparedTransaction }[]): Promise<void> {
    await this.pool.query(
      `update ledger_commands c set tx_id = p.tx_id, prepared_bytes = p.bytes, prepared_signature = p.signature, endorsed_result = p.result, updated_at = now()
       from unnest($1::uuid[], $2::text[], $3::bytea[], $4::bytea[], $5::text[]) as p(command_id, tx_id, bytes, signature, result)
       where c.command_id = p.command_id`,
      [batch.map((b) => b.command.commandId), batch.map((b) => b.prepared.txId), batch.map((b) => Buffer.from(b.prepared.bytes)), batch.map((b) => Buffer.from(b.prepared.signature)), batch.map((b) => b.prepared.result)],
    );
  }

  /**
   * The answers of a batch of commands and their outbox rows (one per delivery, ids derived from
   * the event ids, so writing them twice publishes nothing twice), in one transaction.
   */
  async saveAnswers(batch: { command: SubmitCommand; answer: Answer }[]): Promise<void> {
    const db = await this.pool.connect();
    try {
      await db.query('begin');
      const ids = batch.map((b) => b.command.commandId);
      await lockCommands(db, ids);
      await db.query(
        `update ledger_commands c set answer_topic = a.topic, answer = a.answer, tx_id = coalesce(a.tx_id, c.tx_id), updated_at = now()
         from unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[]) as a(command_id, topic, answer, tx_id)
         where c.command_id = a.command_id`,
        [ids, batch.map((b) => b.answer.topic), batch.map((b) => JSON.stringify(b.answer.payload)), batch.map((b) => b.answer.payload.txId)],
      );
      const { rows } = await db.query<{ event_id: string; command_id: string; message_key: string }>('select event_id, command_id, message_key from ledger_command_deliveries where command_id = any($1::uuid[])', [ids]);
      const byId = new Map(batch.map((b) => [b.command.commandId, b.answer]));
      const answered = rows.flatMap((row) => {
        const answer = byId.get(row.command_id);
        return answer ? [{ row, answer }] : [];
      });
      await db.query(
        `insert into outbox (id, topic, message_key, envelope)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) on conflict (id) do nothing`,
        [answered.map((a) => `${a.row.event_id}:answer`), answered.map((a) => a.answer.topic), answered.map((a) => a.row.message_key), answered.map((a) => outboxEnvelope(a.row.event_id, a.row.command_id, a.answer))],
      );
      await db.query('commit');
    } catch (error) {
      await db.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      db.release();
    }
  }

  /** A transaction's status as far as this service knows it, for the status API. */
  async byTxId(txId: string): Promise<{ commandId: string; answerTopic: string | null; answer: unknown } | undefined> {
    const { rows } = await this.pool.query<{ command_id: string; answer_topic: string | null; answer: unknown }>('select command_id, answer_topic, answer from ledger_commands where tx_id = $1', [txId]);
    const row = rows[0];
    return row ? { commandId: row.command_id, answerTopic: row.answer_topic, answer: row.answer } : undefined;
  }
}

import { cloudEvent } from '@gridledger/contracts';
import type { TraceCarrier } from '@gridledger/tracing';
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
  /** the trace the command was sent in, empty while tracing is off */
  trace: TraceCarrier;
}

export interface QueueHead {
  commandId: string;
  key: string;
  seq: number;
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
  trace_context: TraceCarrier | null;
}

/** Both writers of an answer take this lock, so an answer never misses a delivery being recorded. */
const lockCommands = (db: pg.ClientBase, commandIds: string[]) => db.query('select pg_advisory_xact_lock(h) from (select distinct hashtext(id) as h from unnest($1::text[]) as id order by h) as locks', [commandIds]);

const outboxEnvelope = (eventId: string, commandId: string, answer: Answer, trace?: TraceCarrier) =>
  JSON.stringify(cloudEvent({ id: `${eventId}:answer`, source: EVENT_SOURCE, type: answer.topic, subject: commandId, time: new Date(), data: answer.payload, ...(trace ? { trace } : {}) }));

/**
 * The ledger's memory of each command: as received, its signed transaction, then its answer,
 * with one answer in the outbox for every event that carried it.
 */
export class CommandStore {
  /**
   * @param fence throws unless this replica still drives the pipeline; checked in the transaction
   *   that writes answers, so a replica that lost the pipeline lease (and has not noticed yet)
   *   writes none: the new holder drives its commands from their records instead
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly fence?: (db: pg.ClientBase) => Promise<void>,
  ) {}

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

  /**
   * Records a batch of deliveries in the consumer's transaction, with a handful of statements
   * whatever its size. Commands answered before (a client re-sending one) are answered again at
   * once, from the record.
   * @returns how many were answered from the record
   */
  async recordBatch(db: pg.ClientBase, deliveries: { eventId: string; key: string; command: SubmitCommand; trace?: TraceCarrier }[], deadline: Date): Promise<number> {
    // one row per command id, the first delivery's, so the statement does not touch a row twice
    const commands = [...new Map(deliveries.map((d) => [d.command.commandId, d])).values()];
    await lockCommands(db, commands.map((d) => d.command.commandId));
    const { rows } = await db.query<{ command_id: string; answer_topic: string | null; answer: unknown }>(
      `insert into ledger_commands (command_id, user_id, msp_id, contract, transaction, requested_by, command, message_key, deadline_at, trace_context)
       select c.command_id, c.user_id, c.msp_id, c.contract, c.transaction, c.requested_by, c.command, c.message_key, $9, c.trace_context
       from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $10::jsonb[]) with ordinality
         as c(command_id, user_id, msp_id, contract, transaction, requested_by, command, message_key, trace_context, ord)
       order by c.ord
       on conflict (command_id) do update set command = coalesce(ledger_commands.command, excluded.command),
         message_key = coalesce(ledger_commands.message_key, excluded.message_key), deadline_at = coalesce(ledger_commands.deadline_at, excluded.deadline_at)
       returning command_id, answer_topic, answer`,
      [
        commands.map((d) => d.command.commandId), commands.map((d) => d.command.userId), commands.map((d) => d.command.mspId), commands.map((d) => d.command.contract),
        commands.map((d) => d.command.transaction), commands.map((d) => d.command.requestedBy), commands.map((d) => JSON.stringify(d.command)), commands.map((d) => d.key), deadline,
        commands.map((d) => (d.trace?.traceparent ? JSON.stringify(d.trace) : null)),
      ],
    );
    await db.query(
      `insert into ledger_command_deliveries (event_id, command_id, message_key)
       select * from unnest($1::text[], $2::uuid[], $3::text[]) on conflict (event_id) do nothing`,
      [deliveries.map((d) => d.eventId), deliveries.map((d) => d.command.commandId), deliveries.map((d) => d.key)],
    );
    const answered = new Map(rows.filter((row) => row.answer_topic).map((row) => [row.command_id, { topic: row.answer_topic, payload: row.answer } as Answer]));
    const again = deliveries.flatMap((d) => {
      const answer = answered.get(d.command.commandId);
      return answer ? [{ d, answer }] : [];
    });
    if (again.length > 0) {
      await db.query(
        `insert into outbox (id, topic, message_key, envelope)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) on conflict (id) do nothing`,
        [again.map((a) => `${a.d.eventId}:answer`), again.map((a) => a.answer.topic), again.map((a) => a.d.key), again.map((a) => outboxEnvelope(a.d.eventId, a.d.command.commandId, a.answer))],
      );
    }
    return again.length;
  }

  /** Unanswered commands after `afterSeq`, in order of arrival: the pipeline picks each key's first. */
  async queue(afterSeq: number, limit: number): Promise<QueueHead[]> {
    const { rows } = await this.pool.query<{ command_id: string; message_key: string; seq: string }>(
      'select command_id, message_key, seq from ledger_commands where answer_topic is null and seq > $1 and command is not null order by seq limit $2',
      [afterSeq, limit],
    );
    return rows.map((row) => ({ commandId: row.command_id, key: row.message_key, seq: Number(row.seq) }));
  }

  /** When the oldest unanswered command was recorded; undefined when every command has its answer. */
  async oldestWaiting(): Promise<Date | undefined> {
    const { rows } = await this.pool.query<{ at: Date | null }>('select min(created_at) as at from ledger_commands where answer_topic is null and command is not null');
    return rows[0]?.at ?? undefined;
  }

  async load(commandIds: string[]): Promise<PendingCommand[]> {
    const { rows } = await this.pool.query<PendingRow>(
      `select command, message_key, created_at, deadline_at, tx_id, prepared_bytes, prepared_signature, endorsed_result, trace_context
       from ledger_commands where command_id = any($1::uuid[]) and answer_topic is null order by seq`,
      [commandIds],
    );
    return rows.map((row) => ({
      command: row.command,
      key: row.message_key,
      receivedAt: row.created_at,
      deadline: row.deadline_at.getTime(),
      prepared: row.tx_id && row.prepared_bytes && row.prepared_signature ? { txId: row.tx_id, bytes: row.prepared_bytes, signature: row.prepared_signature, result: row.endorsed_result } : undefined,
      trace: row.trace_context ?? {},
    }));
  }

  /** Committed before the transactions go to the orderer (one statement for the whole batch). */
  async savePrepared(batch: { command: SubmitCommand; prepared: PreparedTransaction; trace?: TraceCarrier }[]): Promise<void> {
    // the trace becomes the ledger's own span, which the transaction's chain events then continue
    await this.pool.query(
      `update ledger_commands c set tx_id = p.tx_id, prepared_bytes = p.bytes, prepared_signature = p.signature, endorsed_result = p.result,
         trace_context = coalesce(p.trace_context, c.trace_context), updated_at = now()
       from unnest($1::uuid[], $2::text[], $3::bytea[], $4::bytea[], $5::text[], $6::jsonb[]) as p(command_id, tx_id, bytes, signature, result, trace_context)
       where c.command_id = p.command_id`,
      [
        batch.map((b) => b.command.commandId), batch.map((b) => b.prepared.txId), batch.map((b) => Buffer.from(b.prepared.bytes)), batch.map((b) => Buffer.from(b.prepared.signature)), batch.map((b) => b.prepared.result),
        batch.map((b) => (b.trace?.traceparent ? JSON.stringify(b.trace) : null)),
      ],
    );
  }

  /**
   * The answers of a batch of commands and their outbox rows (one per delivery, ids derived from
   * the event ids, so writing them twice publishes nothing twice), in one transaction.
   */
  async saveAnswers(batch: { command: SubmitCommand; answer: Answer; trace?: TraceCarrier }[]): Promise<void> {
    const db = await this.pool.connect();
    try {
      await db.query('begin');
      await this.fence?.(db);
      const ids = batch.map((b) => b.command.commandId);
      await lockCommands(db, ids);
      await db.query(
        `update ledger_commands c set answer_topic = a.topic, answer = a.answer, tx_id = coalesce(a.tx_id, c.tx_id), updated_at = now()
         from unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[]) as a(command_id, topic, answer, tx_id)
         where c.command_id = a.command_id`,
        [ids, batch.map((b) => b.answer.topic), batch.map((b) => JSON.stringify(b.answer.payload)), batch.map((b) => b.answer.payload.txId)],
      );
      const { rows } = await db.query<{ event_id: string; command_id: string; message_key: string }>('select event_id, command_id, message_key from ledger_command_deliveries where command_id = any($1::uuid[])', [ids]);
      const byId = new Map(batch.map((b) => [b.command.commandId, b]));
      const answered = rows.flatMap((row) => {
        const entry = byId.get(row.command_id);
        return entry ? [{ row, answer: entry.answer, trace: entry.trace }] : [];
      });
      await db.query(
        `insert into outbox (id, topic, message_key, envelope)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) on conflict (id) do nothing`,
        [answered.map((a) => `${a.row.event_id}:answer`), answered.map((a) => a.answer.topic), answered.map((a) => a.row.message_key), answered.map((a) => outboxEnvelope(a.row.event_id, a.row.command_id, a.answer, a.trace))],
      );
      await db.query('commit');
    } catch (error) {
      await db.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      db.release();
    }
  }

  /** Unanswered users' commands, oldest first, whose attestation has no receipt at the identity service yet. */
  async awaitingReceipt(limit: number): Promise<{ commandId: string; userId: string; attestation: string }[]> {
    const { rows } = await this.pool.query<{ command_id: string; user_id: string; attestation: string }>(
      `select command_id, user_id, command->>'attestation' as attestation from ledger_commands
       where answer_topic is null and not attestation_receipt and user_id is not null and command->>'attestation' is not null
       order by seq limit $1`,
      [limit],
    );
    return rows.map((row) => ({ commandId: row.command_id, userId: row.user_id, attestation: row.attestation }));
  }

  /** Marks these commands' attestations as shown to the identity service (received or refused: either way, once is enough). */
  async markReceiptTaken(commandIds: string[]): Promise<void> {
    await this.pool.query('update ledger_commands set attestation_receipt = true where command_id = any($1::uuid[])', [commandIds]);
  }

  /** A transaction's status as far as this service knows it, for the status API. */
  async byTxId(txId: string): Promise<{ commandId: string; answerTopic: string | null; answer: unknown } | undefined> {
    const { rows } = await this.pool.query<{ command_id: string; answer_topic: string | null; answer: unknown }>('select command_id, answer_topic, answer from ledger_commands where tx_id = $1', [txId]);
    const row = rows[0];
    return row ? { commandId: row.command_id, answerTopic: row.answer_topic, answer: row.answer } : undefined;
  }
}

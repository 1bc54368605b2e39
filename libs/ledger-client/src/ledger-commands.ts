import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaincodeCall } from '@gridledger/chaincode-api';
import { LEDGER_TOPICS, TOPIC_SCHEMAS, type CloudEvent, type TopicPayloads } from '@gridledger/contracts';
import { isDatabaseUnreachable, writeOutboxEvent } from '@gridledger/messaging';
import type { ServiceCredential } from '@gridledger/service-auth';
import type pg from 'pg';
import { DEFAULT_LEDGER_TARGET, type LedgerTarget } from './ledger-target.ts';

type Command = TopicPayloads[typeof LEDGER_TOPICS.submitRequested];

/** The ledger's answer topics: every command gets exactly one of them. */
export const LEDGER_ANSWER_TOPICS = [LEDGER_TOPICS.txCommitted, LEDGER_TOPICS.txFailed] as const;

/** The payload schema of an answer topic, for a consumer of those topics. */
export const ledgerAnswerSchema = (topic: string) =>
  (LEDGER_ANSWER_TOPICS as readonly string[]).includes(topic) ? TOPIC_SCHEMAS[topic as (typeof LEDGER_ANSWER_TOPICS)[number]] : undefined;

/**
 * For a consumer's `relevant`: the answers to commands this service sent, by the requestedBy the
 * ledger repeats in them (an answer without one may be anyone's, so it is looked up).
 */
export const isAnswerFor =
  (requestedBy: string) =>
  (event: CloudEvent<LedgerAnswer['payload']>): boolean =>
    event.data.requestedBy === undefined || event.data.requestedBy === requestedBy;

export type LedgerAnswer =
  | { topic: typeof LEDGER_TOPICS.txCommitted; payload: TopicPayloads[typeof LEDGER_TOPICS.txCommitted] }
  | { topic: typeof LEDGER_TOPICS.txFailed; payload: TopicPayloads[typeof LEDGER_TOPICS.txFailed] };

export interface LedgerCommandRequest {
  /** the CloudEvents source of the sending service, e.g. /gridledger/storage */
  source: string;
  /** what the command is about; its Kafka key */
  subject: string;
  /** signed for this platform user; null signs with the service identity of `mspId` */
  userId: string | null;
  mspId?: string | null;
  /** the transaction and its arguments, from libs/chaincode-api's builders */
  call: ChaincodeCall;
  /** the service asking, for the ledger's records */
  requestedBy: string;
}

/** How a service attests its commands: its own credential, and the channel and chaincode they go to. */
export interface CommandSigning {
  credential: ServiceCredential;
  target?: LedgerTarget;
}

/**
 * Asks the ledger for a transaction: the command goes through the service's outbox, in the
 * caller's database transaction, and is remembered so that its answer can be found. The service
 * attests exactly this command for its signer: without that, nothing is signed.
 */
export async function enqueueLedgerCommand(db: pg.ClientBase, request: LedgerCommandRequest, signing: CommandSigning): Promise<string> {
  const commandId = randomUUID();
  const { target = DEFAULT_LEDGER_TARGET } = signing;
  const mspId = request.mspId ?? null;
  const command: Command = {
    commandId,
    userId: request.userId,
    mspId,
    contract: request.call.contract,
    transaction: request.call.transaction,
    arguments: request.call.arguments,
    requestedBy: request.requestedBy,
  };
  // the ledger dead-letters a command that breaks its schema without answering it, so the caller
  // would wait for nothing: such a command never leaves the service
  const checked = TOPIC_SCHEMAS[LEDGER_TOPICS.submitRequested].safeParse(command);
  if (!checked.success) throw new InvalidLedgerCommandError(checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  command.attestation = await signing.credential.attest({ commandId, userId: request.userId, mspId, ...target, contract: command.contract, transaction: command.transaction, arguments: command.arguments });
  await db.query('insert into ledger_commands (command_id, subject, transaction) values ($1, $2, $3)', [commandId, request.subject, command.transaction]);
  await writeOutboxEvent(db, request.source, LEDGER_TOPICS.submitRequested, request.subject, command);
  return commandId;
}

/**
 * Records an answer consumed from Kafka against its command. Returns the command when this
 * service sent it and it was not answered before, null otherwise (another service's command, or
 * a repeated answer), so the caller applies each answer's effects once.
 */
export async function recordLedgerAnswer(tx: pg.ClientBase, answer: LedgerAnswer): Promise<{ subject: string; transaction: string } | null> {
  const { rows } = await tx.query<{ subject: string; transaction: string }>(
    'update ledger_commands set answer_topic = $2, answer = $3, answered_at = now() where command_id = $1 and answer_topic is null returning subject, transaction',
    [answer.payload.commandId, answer.topic, JSON.stringify(answer.payload)],
  );
  return rows[0] ?? null;
}

/** A command the ledger would refuse to read (a signer that is not a platform user id, …). */
export class InvalidLedgerCommandError extends Error {
  constructor(problems: string) {
    super(`the ledger command is invalid: ${problems}`);
    this.name = 'InvalidLedgerCommandError';
  }
}

/** The ledger did not answer within the wait: the transaction may still commit. */
export class LedgerAnswerTimeoutError extends Error {
  readonly commandId: string;

  constructor(commandId: string) {
    super('the ledger did not answer in time; the transaction may still commit — look it up before trying again');
    this.name = 'LedgerAnswerTimeoutError';
    this.commandId = commandId;
  }
}

/** Waits for the ledger's answer to a command, as recorded by the service's answers consumer. */
export async function awaitLedgerAnswer(pool: pg.Pool, commandId: string, timeoutMs = 60_000): Promise<LedgerAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 50; Date.now() < deadline; wait = Math.min(wait * 2, 500)) {
    try {
      const { rows } = await pool.query<{ answer_topic: string | null; answer: unknown }>('select answer_topic, answer from ledger_commands where command_id = $1', [commandId]);
      const row = rows[0];
      if (row?.answer_topic) return { topic: row.answer_topic, payload: row.answer } as LedgerAnswer;
    } catch (error) {
      // the command is committed to the outbox and will be carried out: a database that restarts
      // meanwhile must not turn into an error the caller would take as "nothing happened"
      if (!isDatabaseUnreachable(error)) throw error;
    }
    await sleep(wait);
  }
  throw new LedgerAnswerTimeoutError(commandId);
}

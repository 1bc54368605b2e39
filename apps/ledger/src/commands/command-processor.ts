import { LEDGER_TOPICS, type TopicPayloads } from '@gridledger/contracts';
import { LedgerError } from '../common/ledger-error.ts';
import { chaincodeRefusal, isRetriableValidationCode, isTransient, validationCodeName } from '../fabric/fabric-errors.ts';
import type { CommitOutcome, PreparedTransaction, TransactionCall } from '../fabric/transaction-submitter.ts';
import type { TransactionSigner } from '../signing/transaction-signer.ts';

export type SubmitCommand = TopicPayloads[typeof LEDGER_TOPICS.submitRequested];
export type TxCommitted = TopicPayloads[typeof LEDGER_TOPICS.txCommitted];
export type TxFailed = TopicPayloads[typeof LEDGER_TOPICS.txFailed];

export type Answer = { topic: typeof LEDGER_TOPICS.txCommitted; payload: TxCommitted } | { topic: typeof LEDGER_TOPICS.txFailed; payload: TxFailed };

/** What the processor needs from the outside world; the service wires the real ones, unit tests fakes. */
export interface CommandPorts {
  signerFor(command: SubmitCommand): Promise<TransactionSigner>;
  endorse(signer: TransactionSigner, call: TransactionCall): Promise<PreparedTransaction>;
  /** sends the transaction to the orderer and resolves with the block's verdict on it; throws when unsure */
  submit(signer: TransactionSigner, prepared: PreparedTransaction): Promise<CommitOutcome>;
  /** the ledger's verdict on a transaction id, undefined when no block holds it */
  find(txId: string): Promise<CommitOutcome | undefined>;
  /** must be durable before it returns: after a crash, this is the transaction resubmitted */
  savePrepared(command: SubmitCommand, prepared: PreparedTransaction): Promise<void>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export interface ProcessOptions {
  /** endorsements per command when the commit fails on a read conflict */
  maxConflictRetries: number;
  /** epoch ms: until then an unreachable peer, orderer or identity service means waiting and trying again */
  deadline: number;
}

export interface ProcessStats {
  conflictRetries: number;
  resumed: boolean;
  /** attempts that failed on something unreachable and were made again */
  transientRetries: number;
}

const failed = (command: SubmitCommand, stage: TxFailed['stage'], code: string, message: string, txId: string | null = null): Answer => ({
  topic: LEDGER_TOPICS.txFailed,
  payload: { commandId: command.commandId, txId, stage, code, message },
});

/** The answer with its command's requestedBy, so services skip other services' answers without a lookup. */
export function addressedTo(command: SubmitCommand, answer: Answer): Answer {
  // the spread keeps the topic and payload of the same member of the union
  return { ...answer, payload: { ...answer.payload, requestedBy: command.requestedBy } } as Answer;
}

/** A command that is well-formed JSON but not a transaction anyone can sign. */
export function commandProblem(command: SubmitCommand): string | undefined {
  if (command.userId === null && command.mspId === null) return 'a command needs a userId, or an mspId for the organisation whose service identity signs';
  if (command.userId !== null && command.mspId !== null) return 'a command names either a userId or an mspId, not both';
  return undefined;
}

/**
 * The chaincode says another transaction carried this command out already: one this service sent
 * and lost track of (a crash, a replica that lost its lease) committed, and this later attempt was
 * refused. Its answer is that transaction's, read from the block. A transaction the peer does not
 * show yet is waited for like an outage.
 */
async function answerOfDuplicate(command: SubmitCommand, sentence: string, ports: CommandPorts): Promise<Answer> {
  const original = /transaction ([0-9a-f]{64})/.exec(sentence)?.[1];
  const found = original ? await ports.find(original) : undefined;
  if (!found?.successful) throw new Error(`the chaincode names ${original ?? 'no transaction'} as having carried out command ${command.commandId}, which the peer does not show committed yet`);
  return {
    topic: LEDGER_TOPICS.txCommitted,
    payload: { commandId: command.commandId, txId: found.txId, blockNumber: found.blockNumber.toString(), contract: command.contract, transaction: command.transaction, result: found.result ?? null },
  };
}

/**
 * Turns one ledger command into a committed (or refused) transaction.
 *
 * - A transaction endorsed and persisted before (by an earlier attempt, or before a crash) is
 *   settled first: if a block holds it, that is the outcome; if not, the same signed bytes are
 *   submitted again (same transaction id, so it can commit at most once).
 * - Only read conflicts (MVCC/phantom) lead to a fresh endorsement; the chaincode or the identity
 *   service saying no, or any other validation failure, is the answer. The proposal names the
 *   command, and the chaincode carries each command out at most once: an endorsement refused with
 *   DUPLICATE_COMMAND is answered with the transaction that did carry it out.
 * - Anything else (a peer, the orderer or the identity service out of reach, a block that does
 *   not come) is waited out and tried again until the command's deadline: a short outage never
 *   becomes a final answer. Past the deadline the answer is DEADLINE_EXCEEDED.
 */
export async function processCommand(command: SubmitCommand, pending: PreparedTransaction | undefined, ports: CommandPorts, options: ProcessOptions, stats: ProcessStats = { conflictRetries: 0, resumed: false, transientRetries: 0 }): Promise<Answer> {
  const problem = commandProblem(command);
  if (problem) return failed(command, 'validation', 'INVALID_COMMAND', problem);
  const call: TransactionCall = { contract: command.contract, transaction: command.transaction, arguments: command.arguments, commandId: command.commandId };

  let prepared = pending;
  // true while `prepared` may already be in a block: it is looked up before it is sent again
  let unsettled = pending !== undefined;
  if (unsettled) stats.resumed = true;
  let conflicts = 0;
  let lastProblem = '';
  for (let attempt = 1; ; attempt += 1) {
    try {
      const signer = await ports.signerFor(command);
      let outcome: CommitOutcome;
      if (prepared && unsettled) {
        outcome = (await ports.find(prepared.txId)) ?? (await ports.submit(signer, prepared));
      } else {
        try {
          prepared = await ports.endorse(signer, call);
        } catch (error) {
          const refusal = chaincodeRefusal(error);
          if (refusal?.code === 'DUPLICATE_COMMAND' && !isTransient(error)) return await answerOfDuplicate(command, refusal.message, ports);
          if (refusal && !isTransient(error)) return failed(command, 'endorsement', refusal.code, refusal.message);
          throw error;
        }
        await ports.savePrepared(command, prepared);
        unsettled = true;
        outcome = await ports.submit(signer, prepared);
      }
      unsettled = false;

      if (outcome.successful) {
        return {
          topic: LEDGER_TOPICS.txCommitted,
          payload: { commandId: command.commandId, txId: outcome.txId, blockNumber: outcome.blockNumber.toString(), contract: command.contract, transaction: command.transaction, result: prepared.result },
        };
      }
      const code = validationCodeName(outcome.code);
      if (!isRetriableValidationCode(outcome.code) || conflicts >= options.maxConflictRetries) {
        return failed(command, 'commit', code, `transaction ${outcome.txId} was invalidated by the peers with ${code}`, outcome.txId);
      }
      conflicts += 1;
      stats.conflictRetries += 1;
      prepared = undefined;
      await ports.sleep(Math.min(2_000, 50 * 2 ** conflicts));
    } catch (error) {
      if (error instanceof LedgerError) return failed(command, 'signing', error.code, error.message);
      lastProblem = (error as Error).message;
      if (ports.now() >= options.deadline) break;
      stats.transientRetries += 1;
      await ports.sleep(Math.min(5_000, 250 * 2 ** Math.min(attempt - 1, 5), Math.max(0, options.deadline - ports.now())));
    }
  }

  // the deadline passed: a transaction that reached a block still gets its true answer
  if (prepared && unsettled) {
    const found = await ports.find(prepared.txId).catch(() => undefined);
    if (found?.successful) {
      return { topic: LEDGER_TOPICS.txCommitted, payload: { commandId: command.commandId, txId: found.txId, blockNumber: found.blockNumber.toString(), contract: command.contract, transaction: command.transaction, result: prepared.result } };
    }
    if (found) return failed(command, 'commit', validationCodeName(found.code), `transaction ${found.txId} was invalidated by the peers with ${validationCodeName(found.code)}`, found.txId);
  }
  return failed(command, prepared ? 'commit' : 'endorsement', 'DEADLINE_EXCEEDED', `the command's deadline passed before the network could take it: ${lastProblem}`, prepared?.txId ?? null);
}

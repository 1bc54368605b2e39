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
  submit(signer: TransactionSigner, prepared: PreparedTransaction): Promise<CommitOutcome>;
  /** the ledger's verdict on a transaction id, undefined when no block holds it */
  find(txId: string): Promise<CommitOutcome | undefined>;
  /** must be durable before it returns: after a crash, this is the transaction resubmitted */
  savePrepared(command: SubmitCommand, prepared: PreparedTransaction): Promise<void>;
  sleep(ms: number): Promise<void>;
}

export interface ProcessOptions {
  /** endorsements per command when the commit fails on a read conflict */
  maxConflictRetries: number;
  /** on the last delivery attempt an unreachable network is answered as a failure rather than retried */
  lastAttempt: boolean;
}

export interface ProcessStats {
  conflictRetries: number;
  resumed: boolean;
}

const failed = (command: SubmitCommand, stage: TxFailed['stage'], code: string, message: string, txId: string | null = null): Answer => ({
  topic: LEDGER_TOPICS.txFailed,
  payload: { commandId: command.commandId, txId, stage, code, message },
});

/** A command that is well-formed JSON but not a transaction anyone can sign. */
export function commandProblem(command: SubmitCommand): string | undefined {
  if (command.userId === null && command.mspId === null) return 'a command needs a userId, or an mspId for the organisation whose service identity signs';
  if (command.userId !== null && command.mspId !== null) return 'a command names either a userId or an mspId, not both';
  return undefined;
}

/**
 * Turns one ledger command into a committed (or refused) transaction.
 *
 * - A transaction endorsed and persisted by an earlier attempt is settled first: if a block holds
 *   it, that is the outcome; if not, the same signed bytes are submitted again (same transaction
 *   id, so it can commit at most once).
 * - Only read conflicts (MVCC/phantom) lead to a fresh endorsement; the chaincode saying no, or
 *   any other validation failure, is the answer.
 * - Unreachable peers, orderer or identity service throw, and the consumer retries the delivery.
 */
export async function processCommand(command: SubmitCommand, pending: PreparedTransaction | undefined, ports: CommandPorts, options: ProcessOptions, stats: ProcessStats = { conflictRetries: 0, resumed: false }): Promise<Answer> {
  const problem = commandProblem(command);
  if (problem) return failed(command, 'validation', 'INVALID_COMMAND', problem);
  const call: TransactionCall = { contract: command.contract, transaction: command.transaction, arguments: command.arguments };

  let signer: TransactionSigner;
  try {
    signer = await ports.signerFor(command);
  } catch (error) {
    if (error instanceof LedgerError) return failed(command, 'signing', error.code, error.message);
    throw error;
  }

  let prepared = pending;
  for (let conflicts = 0; ; conflicts += 1) {
    let outcome: CommitOutcome | undefined;
    if (prepared && conflicts === 0) {
      stats.resumed = true;
      outcome = (await ports.find(prepared.txId)) ?? (await ports.submit(signer, prepared));
    } else {
      try {
        prepared = await ports.endorse(signer, call);
      } catch (error) {
        const refusal = chaincodeRefusal(error);
        if (refusal && !isTransient(error)) return failed(command, 'endorsement', refusal.code, refusal.message);
        if (error instanceof LedgerError) return failed(command, 'signing', error.code, error.message);
        if (options.lastAttempt && isTransient(error)) return failed(command, 'endorsement', 'UNAVAILABLE', `the transaction could not be endorsed: ${(error as Error).message}`);
        throw error;
      }
      await ports.savePrepared(command, prepared);
      outcome = await ports.submit(signer, prepared);
    }

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
    stats.conflictRetries += 1;
    await ports.sleep(Math.min(2_000, 50 * 2 ** conflicts));
  }
}

import { statusOf } from '@gridledger/api-errors';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_TOPICS } from '@gridledger/contracts';
import { parseChaincodeResult, type ChaincodeCall } from '@gridledger/chaincode-api';
import { awaitLedgerAnswer, enqueueLedgerCommand, LedgerQueryClient, type CommandSigning } from '@gridledger/ledger-client';
import type pg from 'pg';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessError } from '../common/access-error.ts';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';

export const EVENT_SOURCE = '/gridledger/access-policy';
/** how this service names itself in its ledger commands, and finds its answers by */
export const REQUESTED_BY = 'access-policy';

/** Who signs: a platform user (their own certificate, through the identity service), or an organisation's service identity. */
export type Signer = { userId: string } | { mspId: string };

export interface Committed<T> {
  txId: string;
  blockNumber: string;
  result: T;
}

export interface Submission<T> {
  subject: string;
  signer: Signer;
  /** from libs/chaincode-api's submitCalls: the transaction, its arguments and what it answers */
  call: ChaincodeCall<T>;
  /** writes that belong with the command, in the same database transaction */
  alongside?: (tx: pg.PoolClient) => Promise<void>;
}

/**
 * The chain, as this service reaches it: transactions go to the ledger service as commands through
 * the outbox (so a crash between the database write and Kafka loses nothing) and are awaited;
 * reads go to its query API, evaluated as the caller.
 */
@Injectable()
export class LedgerGateway {
  readonly query: LedgerQueryClient;

  private readonly signing: CommandSigning;

  constructor(
    @Inject(ACCESS_POLICY_CONFIG) config: AccessPolicyConfig,
    private readonly database: AccessPolicyDatabase,
  ) {
    const target = { channel: config.ACCESS_POLICY_LEDGER_CHANNEL, chaincode: config.ACCESS_POLICY_LEDGER_CHAINCODE };
    this.signing = { credential: config.auth.credential, target };
    this.query = new LedgerQueryClient({ ledgerUrl: config.ACCESS_POLICY_LEDGER_URL, credential: config.auth.credential, target });
  }

  /** Submits and waits for the commit; the chaincode's refusal becomes an AccessError with its code. */
  async submit<T>(submission: Submission<T>): Promise<Committed<T>> {
    const signer = 'userId' in submission.signer ? { userId: submission.signer.userId, mspId: null } : { userId: null, mspId: submission.signer.mspId };
    const commandId = await this.database.transaction(async (tx) => {
      const id = await enqueueLedgerCommand(tx, {
        source: EVENT_SOURCE,
        subject: submission.subject,
        requestedBy: REQUESTED_BY,
        ...signer,
        call: submission.call,
      }, this.signing);
      await submission.alongside?.(tx);
      return id;
    });
    const answer = await awaitLedgerAnswer(this.database.pool, commandId);
    if (answer.topic === LEDGER_TOPICS.txFailed) {
      const { code, message } = answer.payload;
      throw new AccessError(code, message, statusOf(code));
    }
    const { txId, blockNumber, result } = answer.payload;
    // every submit transaction answers its record; none would be a chaincode fault, not the caller's
    if (result === null) throw new Error(`${submission.call.contract}:${submission.call.transaction} committed in ${txId} without a result`);
    return { txId, blockNumber, result: parseChaincodeResult(submission.call, result) };
  }
}

import { queryCalls, type ChaincodeCall } from '@gridledger/chaincode-api';
import { Inject, Injectable } from '@nestjs/common';
import { CommandStore } from '../commands/command-store.ts';
import { LedgerError } from '../common/ledger-error.ts';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';
import { validationCodeName } from '../fabric/fabric-errors.ts';
import { LedgerFabric } from '../fabric/ledger-fabric.ts';
import type { CommitOutcome, TransactionCall } from '../fabric/transaction-submitter.ts';
import { LedgerSigners } from '../signing/signing.providers.ts';
import type { TransactionSigner } from '../signing/transaction-signer.ts';
import type { SigningProof } from '../signing/identity-client.ts';
import { assetFilterJson, type AssetQuery, type QueryCaller } from './query-input.ts';

/** What the queries need from the outside world; the service wires the real ones, unit tests fakes. */
export interface QueryPorts {
  userSigner(userId: string, proof: SigningProof): Promise<TransactionSigner>;
  /** the ledger's own identity in the organisation whose peer it reads from */
  serviceSigner(): TransactionSigner;
  evaluate(signer: TransactionSigner, call: TransactionCall): Promise<string>;
  height(): Promise<bigint>;
  /** the ledger's verdict on a transaction id, undefined when no block holds it */
  onChain(txId: string): Promise<CommitOutcome | undefined>;
  /** this service's command that submitted the transaction, if it was one of ours */
  command(txId: string): Promise<{ commandId: string; answer: unknown } | undefined>;
}

export interface TransactionStatus {
  txId: string;
  /** VALID, the peer's validation code name, or UNKNOWN while no block holds it */
  status: string;
  blockNumber: string | null;
  commandId: string | null;
  answer: unknown;
}

/**
 * The ledger's reads. With a caller, the query is signed as that user, so the chaincode shows
 * what that user may see; without one, as the ledger's own identity (role admin).
 */
export class LedgerQueries {
  constructor(private readonly ports: QueryPorts) {}

  asset(caller: QueryCaller | undefined, assetId: string): Promise<unknown> {
    return this.read(caller, queryCalls.getAsset(assetId));
  }

  assets(caller: QueryCaller | undefined, query: AssetQuery): Promise<unknown> {
    return this.read(caller, queryCalls.queryAssets(assetFilterJson(query), query.pageSize, query.bookmark));
  }

  lineage(caller: QueryCaller | undefined, assetId: string): Promise<unknown> {
    return this.read(caller, queryCalls.getAssetLineage(assetId));
  }

  history(caller: QueryCaller | undefined, assetId: string): Promise<unknown> {
    return this.read(caller, queryCalls.getAssetHistory(assetId));
  }

  access(caller: QueryCaller | undefined, assetId: string, uid: string): Promise<unknown> {
    return this.read(caller, queryCalls.checkAccess(assetId, uid));
  }

  request(caller: QueryCaller | undefined, requestId: string): Promise<unknown> {
    return this.read(caller, queryCalls.getRequest(requestId));
  }

  account(caller: QueryCaller | undefined, uid: string): Promise<unknown> {
    return this.read(caller, queryCalls.getAccount(uid));
  }

  async height(): Promise<{ height: string }> {
    return { height: (await this.ports.height()).toString() };
  }

  async transaction(txId: string): Promise<TransactionStatus> {
    const [command, outcome] = await Promise.all([this.ports.command(txId), this.ports.onChain(txId)]);
    if (!command && !outcome) throw new LedgerError('NOT_FOUND', `neither this service nor the ledger knows transaction ${txId}`, 404);
    return {
      txId,
      status: outcome ? validationCodeName(outcome.code) : 'UNKNOWN',
      blockNumber: outcome ? outcome.blockNumber.toString() : null,
      commandId: command?.commandId ?? null,
      answer: command?.answer ?? null,
    };
  }

  /**
   * The query's answer as the chaincode gives it: the HTTP API passes records on to its callers,
   * who parse them with the record schemas (libs/contracts), so records written by an older chaincode
   * are not refused here.
   */
  private async read(caller: QueryCaller | undefined, call: ChaincodeCall): Promise<unknown> {
    const signer = caller ? await this.ports.userSigner(caller.userId, caller.proof) : this.ports.serviceSigner();
    const { contract, transaction } = call;
    const text = await this.ports.evaluate(signer, { contract, transaction, arguments: call.arguments });
    try {
      return JSON.parse(text);
    } catch {
      // the chaincode answers canonical JSON: anything else is a fault, logged by the filter
      throw new Error(`${contract}:${transaction} answered with text that is not JSON (${text.length} characters)`);
    }
  }
}

@Injectable()
export class LedgerQueryService extends LedgerQueries {
  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig, signers: LedgerSigners, fabric: LedgerFabric, database: LedgerDatabase) {
    const commands = new CommandStore(database.pool);
    super({
      userSigner: (userId, proof) => signers.forUser(userId, proof),
      serviceSigner: () => signers.forService(config.LEDGER_LISTEN_MSP_ID),
      evaluate: (signer, call) => fabric.submitter.evaluate(signer, call),
      height: () => fabric.lookup.height(),
      onChain: (txId) => fabric.lookup.find(txId),
      command: (txId) => commands.byTxId(txId),
    });
  }
}

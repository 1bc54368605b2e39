import { GatewayError } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import type { FabricPeers } from './fabric-peers.ts';
import type { CommitOutcome } from './transaction-submitter.ts';

const isNotFound = (error: unknown): boolean =>
  error instanceof GatewayError && [error.message, ...error.details.map((d) => d.message)].some((m) => /no such transaction ID/i.test(m));

/** The chaincode's response payload as the transaction carries it (the endorsed result), null when empty. */
export function chaincodeResultOf(transaction: peer.ProcessedTransaction): string | null {
  const payload = common.Payload.deserializeBinary(transaction.getTransactionenvelope()?.getPayload_asU8() ?? new Uint8Array());
  const [action] = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList();
  if (!action) return null;
  const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
  const response = peer.ProposalResponsePayload.deserializeBinary(endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array());
  const result = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8()).getResponse()?.getPayload_asU8() ?? new Uint8Array();
  return result.length > 0 ? Buffer.from(result).toString('utf8') : null;
}

/**
 * What the ledger says about a transaction id, from the peer's query system chaincode. This is
 * how the service settles the outcome of a transaction it may or may not have submitted before a
 * crash: found means decided (valid or not), not found means it never reached a block.
 */
export class TransactionLookup {
  constructor(
    private readonly peers: FabricPeers,
    private readonly channel: string,
    private readonly mspId: string,
  ) {}

  async find(txId: string): Promise<CommitOutcome | undefined> {
    let processed: Uint8Array;
    try {
      processed = await this.qscc('GetTransactionByID', txId);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const transaction = peer.ProcessedTransaction.deserializeBinary(processed);
    const code = transaction.getValidationcode();
    const block = common.Block.deserializeBinary(await this.qscc('GetBlockByTxID', txId));
    const blockNumber = BigInt(block.getHeader()?.getNumber() ?? 0);
    return { txId, blockNumber, code, successful: code === 0, result: chaincodeResultOf(transaction) };
  }

  /** The channel's height: the number of the next block. */
  async height(): Promise<bigint> {
    const info = common.BlockchainInfo.deserializeBinary(await this.qscc('GetChainInfo'));
    return BigInt(info.getHeight());
  }

  private qscc(query: string, ...args: string[]): Promise<Uint8Array> {
    return this.peers.withServiceGateway(this.mspId, (gateway) => gateway.getNetwork(this.channel).getContract('qscc').evaluateTransaction(query, this.channel, ...args));
  }
}

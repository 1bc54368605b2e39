import { COMMAND_ID_TRANSIENT_KEY } from '@gridledger/domain';
import type { Gateway } from '@hyperledger/fabric-gateway';
import type { TransactionSigner } from '../signing/transaction-signer.ts';
import type { FabricPeers } from './fabric-peers.ts';

/** An endorsed transaction signed by its caller: everything needed to submit it again, byte for byte. */
export interface PreparedTransaction {
  txId: string;
  bytes: Uint8Array;
  signature: Uint8Array;
  /** the chaincode's answer, as text */
  result: string | null;
}

export interface CommitOutcome {
  txId: string;
  blockNumber: bigint;
  /** the peer's validation code: 0 is VALID */
  code: number;
  successful: boolean;
  /** the chaincode's answer as committed, when it was read from the block (a transaction looked up) */
  result?: string | null;
}

export interface TransactionCall {
  contract: string;
  transaction: string;
  arguments: readonly string[];
  /** the ledger command carried out: named to the chaincode, which carries each out at most once */
  commandId?: string;
}

/** What a signature covers: the gateways hash nothing (fabric-peers.ts), so their "digest" is the message itself. */
const signedMessage = (signable: { getDigest(): Uint8Array }): Uint8Array => signable.getDigest();

/**
 * Endorses, submits and awaits transactions, and evaluates queries, with offline signing: the
 * proposal and the transaction are signed by the signer, from their bytes, so a user's key stays
 * with the identity service, which reads what it signs. Endorsing and submitting are separate steps so that the caller can persist
 * the signed transaction in between and, after a crash, submit that very transaction again.
 */
export class TransactionSubmitter {
  constructor(
    private readonly peers: FabricPeers,
    private readonly channel: string,
    private readonly chaincode: string,
  ) {}

  async endorse(signer: TransactionSigner, call: TransactionCall): Promise<PreparedTransaction> {
    return this.withGateway(signer, async (gateway) => {
      const transientData = call.commandId ? { transientData: { [COMMAND_ID_TRANSIENT_KEY]: call.commandId } } : {};
      const unsigned = gateway.getNetwork(this.channel).getContract(this.chaincode, call.contract).newProposal(call.transaction, { arguments: [...call.arguments], ...transientData });
      const proposal = gateway.newSignedProposal(unsigned.getBytes(), await signer.signProposal(unsigned.getBytes(), signedMessage(unsigned)));
      const endorsed = await proposal.endorse();
      const signature = await signer.signTransaction(endorsed.getBytes(), signedMessage(endorsed));
      const result = endorsed.getResult();
      return { txId: endorsed.getTransactionId(), bytes: endorsed.getBytes(), signature, result: result.length > 0 ? Buffer.from(result).toString('utf8') : null };
    });
  }

  /**
   * A read: one peer runs the function and answers; nothing reaches the orderer. Signed like a
   * proposal, so the chaincode applies the signer's own visibility rules.
   */
  async evaluate(signer: TransactionSigner, call: TransactionCall): Promise<string> {
    return this.withGateway(signer, async (gateway) => {
      const unsigned = gateway.getNetwork(this.channel).getContract(this.chaincode, call.contract).newProposal(call.transaction, { arguments: [...call.arguments] });
      const proposal = gateway.newSignedProposal(unsigned.getBytes(), await signer.signProposal(unsigned.getBytes(), signedMessage(unsigned)));
      return Buffer.from(await proposal.evaluate()).toString('utf8');
    });
  }

  /**
   * Sends the signed transaction to the orderer through the signer's organisation's peer (or its fallback), as the
   * ledger's own identity there, and returns once the orderer has accepted it. Its commit status
   * comes from the block stream (CommitWatcher), so a user's key signs only the proposal and the
   * transaction, and no call per transaction waits on the peer for its status.
   */
  async send(signer: TransactionSigner, prepared: PreparedTransaction): Promise<void> {
    await this.peers.withServiceGateway(signer.mspId, (gateway) => gateway.newSignedTransaction(prepared.bytes, prepared.signature).submit());
  }

  private withGateway<T>(signer: TransactionSigner, use: (gateway: Gateway) => Promise<T>): Promise<T> {
    return this.peers.withUnsignedGateway({ mspId: signer.mspId, credentials: signer.certificate }, use);
  }
}

import { common, gateway, peer } from '@hyperledger/fabric-protos';

export interface TransactionVariations {
  /** how many copies of the action the transaction holds (Fabric commits exactly one) */
  actions?: number;
  /** the chaincode the endorsements name */
  endorsedChaincode?: string;
  /** another creator in the action header than in the payload header */
  actionSignatureHeader?: Uint8Array;
  /** replaces the chaincode proposal payload carried in the action */
  chaincodeProposalPayload?: Uint8Array;
}

/**
 * The `PreparedTransaction` the gateway would return after endorsing `proposalBytes` (what
 * fabric-gateway's `Proposal.getBytes()` gave), built by hand: Envelope → Payload (the
 * proposal's header) → Transaction → one action whose ChaincodeActionPayload carries the
 * proposal's ChaincodeProposalPayload and an endorsed response naming the chaincode.
 */
export function handMadePreparedTransaction(proposedTransactionBytes: Uint8Array, variations: TransactionVariations = {}): { bytes: Uint8Array; payloadBytes: Uint8Array } {
  const proposed = gateway.ProposedTransaction.deserializeBinary(proposedTransactionBytes);
  const proposal = peer.Proposal.deserializeBinary(proposed.getProposal()?.getProposalBytes_asU8() ?? new Uint8Array());
  const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const chaincode = peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8()).getChaincodeId()?.getName() ?? '';

  const chaincodeAction = new peer.ChaincodeAction();
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(variations.endorsedChaincode ?? chaincode);
  chaincodeAction.setChaincodeId(chaincodeId);
  const chaincodeResponse = new peer.Response();
  chaincodeResponse.setStatus(200);
  chaincodeResponse.setPayload(Buffer.from('{"ok":true}'));
  chaincodeAction.setResponse(chaincodeResponse);
  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setProposalHash(new Uint8Array(32));
  responsePayload.setExtension$(chaincodeAction.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(responsePayload.serializeBinary());

  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(variations.chaincodeProposalPayload ?? proposal.getPayload_asU8());
  actionPayload.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setHeader(variations.actionSignatureHeader ?? header.getSignatureHeader_asU8());
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList(Array.from({ length: variations.actions ?? 1 }, () => action));

  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(transaction.serializeBinary());
  const payloadBytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(payloadBytes);
  const prepared = new gateway.PreparedTransaction();
  prepared.setTransactionId(channelHeader.getTxId());
  prepared.setEnvelope(envelope);
  return { bytes: prepared.serializeBinary(), payloadBytes };
}

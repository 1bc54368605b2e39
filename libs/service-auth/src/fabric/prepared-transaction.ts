import { createHash } from 'node:crypto';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { UndecodableError, type DecodedSignable } from './decoded-call.ts';
import { SHAPES } from './fabric-shapes.ts';
import { parse, readHeader, readInvocationOf } from './invocation-reader.ts';

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Reads what fabric-gateway's `Transaction.getBytes()` holds: a gateway `PreparedTransaction`
 * whose envelope's payload is the `common.Payload` sent to the orderer. The invocation is read
 * from the one transaction action's `chaincode_proposal_payload`, which committing peers check
 * against the endorsed proposal's hash. The digest is SHA-256 of exactly the payload bytes
 * (what `Transaction.getDigest()` returns).
 */
export function decodePreparedTransaction(bytes: Uint8Array): DecodedSignable {
  const prepared = parse('the prepared transaction', bytes, SHAPES.preparedTransaction, (b) => gateway.PreparedTransaction.deserializeBinary(b));
  const payloadBytes = prepared.getEnvelope()?.getPayload_asU8() ?? new Uint8Array();
  const payload = parse('the transaction payload', payloadBytes, SHAPES.payload, (b) => common.Payload.deserializeBinary(b));
  const header = readHeader(payload.getHeader());
  if (prepared.getTransactionId() !== header.txId) throw new UndecodableError('the prepared transaction id differs from the one in its payload');
  const data = payload.getData_asU8();
  // a transaction without actions encodes as no bytes at all
  const actions = data.length === 0 ? [] : parse('the transaction', data, SHAPES.transaction, (b) => peer.Transaction.deserializeBinary(b)).getActionsList();
  const [action] = actions;
  // Fabric commits one action per transaction; anything else is not what the platform builds
  if (!action || actions.length !== 1) throw new UndecodableError(`the transaction holds ${actions.length} actions, not one`);
  const actionHeader = parse('the action header', action.getHeader_asU8(), SHAPES.signatureHeader, (b) => common.SignatureHeader.deserializeBinary(b));
  if (!sameBytes(actionHeader.getCreator_asU8(), header.creator)) throw new UndecodableError("the action's creator differs from the transaction's");
  const actionPayload = parse('the chaincode action payload', action.getPayload_asU8(), SHAPES.chaincodeActionPayload, (b) => peer.ChaincodeActionPayload.deserializeBinary(b));
  const invocation = readInvocationOf(header, actionPayload.getChaincodeProposalPayload_asU8());
  const response = parse('the endorsed proposal response', actionPayload.getAction()?.getProposalResponsePayload_asU8() ?? new Uint8Array(), SHAPES.proposalResponsePayload, (b) => peer.ProposalResponsePayload.deserializeBinary(b));
  const endorsedChaincode = parse('the endorsed chaincode action', response.getExtension_asU8(), SHAPES.chaincodeAction, (b) => peer.ChaincodeAction.deserializeBinary(b)).getChaincodeId()?.getName();
  if (endorsedChaincode !== invocation.chaincode) throw new UndecodableError(`the endorsements are for chaincode ${endorsedChaincode ?? '(none)'}, not ${invocation.chaincode}`);
  return {
    channel: header.channel,
    txId: header.txId,
    creatorMspId: header.creatorMspId,
    creatorCertificatePem: header.creatorCertificatePem,
    ...invocation,
    message: payloadBytes,
    digest: new Uint8Array(createHash('sha256').update(payloadBytes).digest()),
  };
}

import { createHash } from 'node:crypto';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { UndecodableError, type DecodedSignable } from './decoded-call.ts';
import { SHAPES } from './fabric-shapes.ts';
import { parse, readHeader, readInvocationOf } from './invocation-reader.ts';

/**
 * Reads what fabric-gateway's `Proposal.getBytes()` holds: a gateway `ProposedTransaction` whose
 * signed proposal's `proposal_bytes` is the `protos.Proposal` the peers execute. The digest is
 * SHA-256 of exactly those `proposal_bytes` (what `Proposal.getDigest()` returns), so a signature
 * over it covers what was decoded here and nothing else.
 */
export function decodeProposedTransaction(bytes: Uint8Array): DecodedSignable {
  const proposed = parse('the proposed transaction', bytes, SHAPES.proposedTransaction, (b) => gateway.ProposedTransaction.deserializeBinary(b));
  const proposalBytes = proposed.getProposal()?.getProposalBytes_asU8() ?? new Uint8Array();
  const proposal = parse('the proposal', proposalBytes, SHAPES.proposal, (b) => peer.Proposal.deserializeBinary(b));
  // a signature covers the extension too, and nothing here would read it
  if (proposal.getExtension_asU8().length > 0) throw new UndecodableError('the proposal carries an extension, which no attestation covers');
  const header = readHeader(parse('the proposal header', proposal.getHeader_asU8(), SHAPES.header, (b) => common.Header.deserializeBinary(b)));
  if (proposed.getTransactionId() !== header.txId) throw new UndecodableError('the proposed transaction id differs from the one in its proposal');
  const invocation = readInvocationOf(header, proposal.getPayload_asU8());
  return {
    channel: header.channel,
    txId: header.txId,
    creatorMspId: header.creatorMspId,
    creatorCertificatePem: header.creatorCertificatePem,
    ...invocation,
    message: proposalBytes,
    digest: new Uint8Array(createHash('sha256').update(proposalBytes).digest()),
  };
}

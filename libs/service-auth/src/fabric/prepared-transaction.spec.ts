import { createHash } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { common, gateway as protos, peer } from '@hyperledger/fabric-protos';
import { connect } from '@hyperledger/fabric-gateway';
import { beforeAll, describe, expect, it } from 'vitest';
import { handMadePreparedTransaction } from '../test-support/hand-made-transaction.ts';
import { buildProposal } from '../test-support/offline-proposals.ts';
import { throwawayIdentity } from '../test-support/throwaway-identity.ts';
import { UndecodableError } from './decoded-call.ts';
import { decodePreparedTransaction } from './prepared-transaction.ts';

let certificatePem: string;
const proposal = () => buildProposal({ mspId: 'GridMSP', certificatePem, channel: 'gridledger', chaincode: 'gridledger', contract: 'asset', transaction: 'RegisterAsset', arguments: ['{"id":"a-1"}'] });

beforeAll(async () => {
  ({ certificatePem } = await throwawayIdentity('alice'));
});

describe('decodePreparedTransaction', () => {
  it('reads the invocation from the one action and digests exactly the envelope payload', () => {
    const built = proposal();
    const { bytes, payloadBytes } = handMadePreparedTransaction(built.getBytes());
    const decoded = decodePreparedTransaction(bytes);
    expect(decoded).toMatchObject({
      channel: 'gridledger',
      txId: built.getTransactionId(),
      creatorMspId: 'GridMSP',
      creatorCertificatePem: certificatePem,
      chaincode: 'gridledger',
      contract: 'asset',
      transaction: 'RegisterAsset',
      arguments: ['{"id":"a-1"}'],
    });
    expect(Buffer.from(decoded.digest)).toEqual(createHash('sha256').update(payloadBytes).digest());
  });

  it("digests what fabric-gateway's Transaction.getDigest() does for the same bytes", () => {
    const { bytes } = handMadePreparedTransaction(proposal().getBytes());
    const client = new grpc.Client('127.0.0.1:1', grpc.credentials.createInsecure());
    const gateway = connect({ client, identity: { mspId: 'GridMSP', credentials: Buffer.from(certificatePem) } });
    try {
      expect(Buffer.from(decodePreparedTransaction(bytes).digest)).toEqual(Buffer.from(gateway.newTransaction(bytes).getDigest()));
    } finally {
      gateway.close();
      client.close();
    }
  });

  it('refuses garbage, and a proposal offered as a transaction', () => {
    for (const bytes of [new Uint8Array(), Buffer.from('garbage garbage'), proposal().getBytes()]) expect(() => decodePreparedTransaction(bytes)).toThrow(UndecodableError);
  });

  it('refuses no action or several, and endorsements for another chaincode', () => {
    const bytes = proposal().getBytes();
    expect(() => decodePreparedTransaction(handMadePreparedTransaction(bytes, { actions: 0 }).bytes)).toThrow('the transaction holds 0 actions, not one');
    expect(() => decodePreparedTransaction(handMadePreparedTransaction(bytes, { actions: 2 }).bytes)).toThrow('the transaction holds 2 actions, not one');
    expect(() => decodePreparedTransaction(handMadePreparedTransaction(bytes, { endorsedChaincode: 'other' }).bytes)).toThrow('the endorsements are for chaincode other, not gridledger');
  });

  it("refuses an action whose creator differs from the payload's", async () => {
    const other = await throwawayIdentity('mallory');
    const otherProposal = buildProposal({ mspId: 'GridMSP', certificatePem: other.certificatePem, channel: 'gridledger', chaincode: 'gridledger', contract: 'asset', transaction: 'RegisterAsset' });
    const otherHeader = common.Header.deserializeBinary(peer.Proposal.deserializeBinary(protos.ProposedTransaction.deserializeBinary(otherProposal.getBytes()).getProposal()?.getProposalBytes_asU8() ?? new Uint8Array()).getHeader_asU8());
    const { bytes } = handMadePreparedTransaction(proposal().getBytes(), { actionSignatureHeader: otherHeader.getSignatureHeader_asU8() });
    expect(() => decodePreparedTransaction(bytes)).toThrow("the action's creator differs from the transaction's");
  });

  it('reads the arguments the action carries, not those of some other proposal', () => {
    const other = buildProposal({ mspId: 'GridMSP', certificatePem, channel: 'gridledger', chaincode: 'gridledger', contract: 'asset', transaction: 'RegisterAsset', arguments: ['{"id":"a-2"}'] });
    const otherPayload = peer.Proposal.deserializeBinary(protos.ProposedTransaction.deserializeBinary(other.getBytes()).getProposal()?.getProposalBytes_asU8() ?? new Uint8Array()).getPayload_asU8();
    const { bytes } = handMadePreparedTransaction(proposal().getBytes(), { chaincodeProposalPayload: otherPayload });
    expect(decodePreparedTransaction(bytes).arguments).toEqual(['{"id":"a-2"}']);
  });
});

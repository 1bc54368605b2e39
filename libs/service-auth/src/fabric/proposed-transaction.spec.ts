import { COMMAND_ID_TRANSIENT_KEY } from '@gridledger/domain';
import { createHash } from 'node:crypto';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProposal } from '../test-support/offline-proposals.ts';
import { throwawayIdentity } from '../test-support/throwaway-identity.ts';
import { UndecodableError } from './decoded-call.ts';
import { decodeProposedTransaction } from './proposed-transaction.ts';

let certificatePem: string;
const build = (overrides: Partial<Parameters<typeof buildProposal>[0]> = {}) =>
  buildProposal({ mspId: 'GridMSP', certificatePem, channel: 'gridledger', chaincode: 'gridledger', contract: 'access', transaction: 'ApproveRequest', arguments: ['req-1', 'looks fine ✓'], ...overrides });

beforeAll(async () => {
  ({ certificatePem } = await throwawayIdentity('alice'));
});

/** Rebuilds a ProposedTransaction after `change` edits its Proposal, as a tampering ledger might. */
function tampered(bytes: Uint8Array, change: (proposal: peer.Proposal) => void): Uint8Array {
  const proposed = gateway.ProposedTransaction.deserializeBinary(bytes);
  const signed = proposed.getProposal() ?? new peer.SignedProposal();
  const proposal = peer.Proposal.deserializeBinary(signed.getProposalBytes_asU8());
  change(proposal);
  signed.setProposalBytes(proposal.serializeBinary());
  proposed.setProposal(signed);
  return proposed.serializeBinary();
}

describe('decodeProposedTransaction', () => {
  it("reads a fabric-gateway proposal: channel, transaction id, creator, function and arguments; the digest is the gateway's", () => {
    const proposal = build();
    const decoded = decodeProposedTransaction(proposal.getBytes());
    expect(decoded).toMatchObject({
      channel: 'gridledger',
      txId: proposal.getTransactionId(),
      creatorMspId: 'GridMSP',
      creatorCertificatePem: certificatePem,
      chaincode: 'gridledger',
      contract: 'access',
      transaction: 'ApproveRequest',
      arguments: ['req-1', 'looks fine ✓'],
    });
    expect(Buffer.from(decoded.digest)).toEqual(Buffer.from(proposal.getDigest()));
    const proposalBytes = gateway.ProposedTransaction.deserializeBinary(proposal.getBytes()).getProposal()?.getProposalBytes_asU8() ?? new Uint8Array();
    expect(Buffer.from(decoded.digest)).toEqual(createHash('sha256').update(proposalBytes).digest());
  });

  it('reads a call without arguments, and a function without a contract name', () => {
    expect(decodeProposedTransaction(build({ contract: 'system', transaction: 'WhoAmI', arguments: [] }).getBytes())).toMatchObject({ contract: 'system', transaction: 'WhoAmI', arguments: [] });
    expect(decodeProposedTransaction(build({ contract: '', transaction: 'Ping' }).getBytes())).toMatchObject({ contract: '', transaction: 'Ping' });
  });

  it('refuses garbage and empty input with an UndecodableError, at once', () => {
    // the third would make google-protobuf loop forever: its length runs past the end
    for (const bytes of [new Uint8Array(), Buffer.from('not a proposal at all'), new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), build().getDigest()]) {
      expect(() => decodeProposedTransaction(bytes)).toThrow(UndecodableError);
    }
    const truncated = build().getBytes();
    expect(() => decodeProposedTransaction(truncated.subarray(0, truncated.length - 3))).toThrow(UndecodableError);
  });

  it('refuses arguments that are not valid UTF-8, rather than reading them as something else', () => {
    const bytes = tampered(build().getBytes(), (proposal) => {
      const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
      const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
      invocation.getChaincodeSpec()?.getInput()?.setArgsList([Buffer.from('access:ApproveRequest'), new Uint8Array([0xc3, 0x28])]);
      payload.setInput(invocation.serializeBinary());
      proposal.setPayload(payload.serializeBinary());
    });
    expect(() => decodeProposedTransaction(bytes)).toThrow('argument 1 is not valid UTF-8');
  });

  it('keeps a byte-order mark, so it cannot hide in an attested argument', () => {
    const decoded = decodeProposedTransaction(build({ arguments: ['\uFEFFreq-1'] }).getBytes());
    expect(decoded.arguments).toEqual(['\uFEFFreq-1']);
  });

  it('reads the command id the ledger names in transient data, and refuses any other transient data and proposal extensions, which no attestation covers', () => {
    const commandId = '6f1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d';
    expect(decodeProposedTransaction(build({ transientData: { [COMMAND_ID_TRANSIENT_KEY]: commandId } }).getBytes())).toMatchObject({ commandId, transaction: 'ApproveRequest' });
    expect(decodeProposedTransaction(build().getBytes())).toMatchObject({ commandId: null });
    expect(() => decodeProposedTransaction(build({ transientData: { key: 'secret' } }).getBytes())).toThrow(`the proposal carries transient data other than ${COMMAND_ID_TRANSIENT_KEY}, which no attestation covers`);
    expect(() => decodeProposedTransaction(build({ transientData: { [COMMAND_ID_TRANSIENT_KEY]: commandId, key: 'secret' } }).getBytes())).toThrow('transient data other than');
    expect(() => decodeProposedTransaction(tampered(build().getBytes(), (proposal) => proposal.setExtension$(Buffer.from('x'))))).toThrow('extension');
  });

  it('refuses a header naming another chaincode than the invocation, and a header that is no chaincode transaction', () => {
    const otherChaincode = tampered(build().getBytes(), (proposal) => {
      const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
      const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
      const extension = peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8());
      extension.getChaincodeId()?.setName('lscc');
      channelHeader.setExtension$(extension.serializeBinary());
      header.setChannelHeader(channelHeader.serializeBinary());
      proposal.setHeader(header.serializeBinary());
    });
    expect(() => decodeProposedTransaction(otherChaincode)).toThrow('the header names chaincode lscc but the invocation gridledger');
    const config = tampered(build().getBytes(), (proposal) => {
      const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
      const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
      channelHeader.setType(common.HeaderType.CONFIG_UPDATE);
      header.setChannelHeader(channelHeader.serializeBinary());
      proposal.setHeader(header.serializeBinary());
    });
    expect(() => decodeProposedTransaction(config)).toThrow('not a chaincode transaction');
  });

  it('refuses a proposed transaction whose outer transaction id differs from the signed one', () => {
    const proposed = gateway.ProposedTransaction.deserializeBinary(build().getBytes());
    proposed.setTransactionId('0'.repeat(64));
    expect(() => decodeProposedTransaction(proposed.serializeBinary())).toThrow('the proposed transaction id differs');
  });
});

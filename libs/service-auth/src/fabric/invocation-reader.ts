import { COMMAND_ID_TRANSIENT_KEY } from '@gridledger/domain';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { UndecodableError } from './decoded-call.ts';
import { SHAPES } from './fabric-shapes.ts';
import { checkWireFormat, type MessageShape } from './wire-format.ts';

/**
 * Strict UTF-8: invalid bytes are refused rather than replaced, and a byte-order mark is kept, so
 * two different byte strings never read as the same text (an attestation covers the text).
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function text(what: string, bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new UndecodableError(`${what} is not valid UTF-8`);
  }
}

/**
 * google-protobuf reads only what checkWireFormat found well formed (it would loop forever on some
 * malformed input); an empty message is a missing part here, since every part read is required.
 */
export function parse<T>(what: string, bytes: Uint8Array, shape: MessageShape, deserialize: (bytes: Uint8Array) => T): T {
  if (bytes.length === 0) throw new UndecodableError(`${what} is missing`);
  checkWireFormat(what, bytes, shape);
  try {
    return deserialize(bytes);
  } catch {
    throw new UndecodableError(`${what} is not a valid ${shape.name}`);
  }
}

export interface HeaderFields {
  channel: string;
  txId: string;
  creatorMspId: string;
  creatorCertificatePem: string;
  /** the serialized creator, to compare with other headers byte for byte */
  creator: Uint8Array;
  /** the chaincode named in the channel header: the one the peers invoke */
  chaincode: string;
}

/** Channel, transaction id, chaincode and creator from a proposal's or a transaction payload's header. */
export function readHeader(header: common.Header | undefined): HeaderFields {
  if (!header) throw new UndecodableError('the header is missing');
  const channelHeader = parse('the channel header', header.getChannelHeader_asU8(), SHAPES.channelHeader, (b) => common.ChannelHeader.deserializeBinary(b));
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) throw new UndecodableError(`the header is of type ${channelHeader.getType()}, not a chaincode transaction`);
  const channel = channelHeader.getChannelId();
  const txId = channelHeader.getTxId();
  if (!channel || !txId) throw new UndecodableError('the channel header names no channel or no transaction id');
  const extension = parse('the chaincode header extension', channelHeader.getExtension_asU8(), SHAPES.chaincodeHeaderExtension, (b) => peer.ChaincodeHeaderExtension.deserializeBinary(b));
  const chaincode = extension.getChaincodeId()?.getName();
  if (!chaincode) throw new UndecodableError('the channel header names no chaincode');
  const signatureHeader = parse('the signature header', header.getSignatureHeader_asU8(), SHAPES.signatureHeader, (b) => common.SignatureHeader.deserializeBinary(b));
  const creator = signatureHeader.getCreator_asU8();
  const identity = parse('the creator', creator, SHAPES.serializedIdentity, (b) => msp.SerializedIdentity.deserializeBinary(b));
  const creatorMspId = identity.getMspid();
  const creatorCertificatePem = text('the creator certificate', identity.getIdBytes_asU8());
  if (!creatorMspId || !creatorCertificatePem) throw new UndecodableError('the creator has no MSP id or no certificate');
  return { channel, txId, creatorMspId, creatorCertificatePem, creator, chaincode };
}

export interface Invocation {
  chaincode: string;
  contract: string;
  transaction: string;
  arguments: string[];
  /** the ledger command a proposal names for the chaincode's at-most-once claim; never in a transaction (Fabric strips transient data) */
  commandId: string | null;
}

/** The function and arguments from a ChaincodeProposalPayload's bytes. */
export function readInvocation(proposalPayload: Uint8Array): Invocation {
  const payload = parse('the chaincode proposal payload', proposalPayload, SHAPES.chaincodeProposalPayload, (b) => peer.ChaincodeProposalPayload.deserializeBinary(b));
  const commandId = readCommandId(payload.getTransientmapMap());
  const spec = parse('the chaincode invocation', payload.getInput_asU8(), SHAPES.chaincodeInvocationSpec, (b) => peer.ChaincodeInvocationSpec.deserializeBinary(b)).getChaincodeSpec();
  const chaincode = spec?.getChaincodeId()?.getName();
  const input = spec?.getInput();
  if (!chaincode || !input) throw new UndecodableError('the chaincode invocation names no chaincode or no input');
  if (input.getIsInit()) throw new UndecodableError('the invocation is a chaincode initialisation');
  if (input.getDecorationsMap().getLength() > 0) throw new UndecodableError('the invocation carries decorations, which no attestation covers');
  const [name, ...args] = input.getArgsList_asU8().map((arg, index) => text(index === 0 ? 'the function name' : `argument ${index}`, arg));
  if (!name) throw new UndecodableError('the invocation names no function');
  const colon = name.indexOf(':');
  return {
    chaincode,
    contract: colon < 0 ? '' : name.slice(0, colon),
    transaction: colon < 0 ? name : name.slice(colon + 1),
    arguments: args,
    commandId,
  };
}

/**
 * Transient data is signed too, yet no attestation covers it: the one entry allowed is the
 * command id the ledger names for the chaincode's at-most-once claim, which the signer then
 * holds to the attested command. Anything else is refused.
 */
function readCommandId(transient: ReturnType<peer.ChaincodeProposalPayload['getTransientmapMap']>): string | null {
  const entries = transient.getEntryList() as [string, Uint8Array | string][];
  if (entries.length === 0) return null;
  const [entry] = entries;
  if (entries.length > 1 || !entry || entry[0] !== COMMAND_ID_TRANSIENT_KEY) throw new UndecodableError(`the proposal carries transient data other than ${COMMAND_ID_TRANSIENT_KEY}, which no attestation covers`);
  const value = entry[1];
  return text(`transient ${COMMAND_ID_TRANSIENT_KEY}`, typeof value === 'string' ? Buffer.from(value, 'base64') : value);
}

/** The invocation of `header`'s chaincode: a payload naming another chaincode than the header is refused. */
export function readInvocationOf(header: HeaderFields, proposalPayload: Uint8Array): Invocation {
  const invocation = readInvocation(proposalPayload);
  if (invocation.chaincode !== header.chaincode) throw new UndecodableError(`the header names chaincode ${header.chaincode} but the invocation ${invocation.chaincode}`);
  return invocation;
}

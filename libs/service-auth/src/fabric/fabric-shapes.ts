import type { MessageShape } from './wire-format.ts';

/*
 * The shapes of the Fabric messages this library decodes, field numbers as in fabric-protos
 * (gateway.proto, proposal.proto, common.proto, chaincode.proto, transaction.proto,
 * proposal_response.proto, identities.proto). Only what wire-format checking needs.
 */

const string = { shape: 'string' } as const;
const bytes = { shape: 'bytes' } as const;
const varint = { shape: 'varint' } as const;
const repeated = <T extends object>(field: T) => ({ ...field, repeated: true as const });
const mapEntry: MessageShape = { name: 'map entry', fields: { 1: string, 2: bytes } };

const chaincodeId: MessageShape = { name: 'ChaincodeID', fields: { 1: string, 2: string, 3: string } };
const timestamp: MessageShape = { name: 'Timestamp', fields: { 1: varint, 2: varint } };
const response: MessageShape = { name: 'Response', fields: { 1: varint, 2: string, 3: bytes } };
const endorsement: MessageShape = { name: 'Endorsement', fields: { 1: bytes, 2: bytes } };
const chaincodeInput: MessageShape = { name: 'ChaincodeInput', fields: { 1: repeated(bytes), 2: repeated({ shape: mapEntry }), 3: varint } };
const chaincodeSpec: MessageShape = { name: 'ChaincodeSpec', fields: { 1: varint, 2: { shape: chaincodeId }, 3: { shape: chaincodeInput }, 4: varint } };
const signedProposal: MessageShape = { name: 'SignedProposal', fields: { 1: bytes, 2: bytes } };
const envelope: MessageShape = { name: 'Envelope', fields: { 1: bytes, 2: bytes } };
const header: MessageShape = { name: 'Header', fields: { 1: bytes, 2: bytes } };
const transactionAction: MessageShape = { name: 'TransactionAction', fields: { 1: bytes, 2: bytes } };
const chaincodeEndorsedAction: MessageShape = { name: 'ChaincodeEndorsedAction', fields: { 1: bytes, 2: repeated({ shape: endorsement }) } };

export const SHAPES = {
  proposedTransaction: { name: 'ProposedTransaction', fields: { 1: string, 2: { shape: signedProposal }, 3: repeated(string) } },
  preparedTransaction: { name: 'PreparedTransaction', fields: { 1: string, 2: { shape: envelope } } },
  proposal: { name: 'Proposal', fields: { 1: bytes, 2: bytes, 3: bytes } },
  header,
  channelHeader: { name: 'ChannelHeader', fields: { 1: varint, 2: varint, 3: { shape: timestamp }, 4: string, 5: string, 6: varint, 7: bytes, 8: bytes } },
  signatureHeader: { name: 'SignatureHeader', fields: { 1: bytes, 2: bytes } },
  serializedIdentity: { name: 'SerializedIdentity', fields: { 1: string, 2: bytes } },
  chaincodeHeaderExtension: { name: 'ChaincodeHeaderExtension', fields: { 2: { shape: chaincodeId } } },
  chaincodeProposalPayload: { name: 'ChaincodeProposalPayload', fields: { 1: bytes, 2: repeated({ shape: mapEntry }) } },
  chaincodeInvocationSpec: { name: 'ChaincodeInvocationSpec', fields: { 1: { shape: chaincodeSpec } } },
  payload: { name: 'Payload', fields: { 1: { shape: header }, 2: bytes } },
  transaction: { name: 'Transaction', fields: { 1: repeated({ shape: transactionAction }) } },
  chaincodeActionPayload: { name: 'ChaincodeActionPayload', fields: { 1: bytes, 2: { shape: chaincodeEndorsedAction } } },
  proposalResponsePayload: { name: 'ProposalResponsePayload', fields: { 1: bytes, 2: bytes } },
  chaincodeAction: { name: 'ChaincodeAction', fields: { 1: bytes, 2: bytes, 3: { shape: response }, 4: { shape: chaincodeId } } },
} satisfies Record<string, MessageShape>;

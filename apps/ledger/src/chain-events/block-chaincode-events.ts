import { common, peer } from '@hyperledger/fabric-protos';
import type { RawChaincodeEvent } from './chain-event-message.ts';

const VALID = 0;

/**
 * The chaincode events a block holds, in block order, from its valid transactions only (an
 * invalidated transaction's event never reached a listener, so a replay must not invent it).
 * Reading whole blocks rather than the chaincode-event stream lets the relay record a block's
 * events together, and a replay stop exactly at a block number, even one that holds no event.
 */
export function chaincodeEventsOf(block: common.Block, chaincode: string): RawChaincodeEvent[] {
  const blockNumber = BigInt(block.getHeader()?.getNumber() ?? 0);
  const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
  const events: RawChaincodeEvent[] = [];
  block.getData()?.getDataList_asU8().forEach((envelopeBytes, index) => {
    if (filter[index] !== VALID) return;
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
    const header = common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array());
    if (header.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return;
    for (const action of peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()) {
      const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
      const response = peer.ProposalResponsePayload.deserializeBinary(actionPayload.getAction()?.getProposalResponsePayload_asU8() ?? new Uint8Array());
      const event = peer.ChaincodeEvent.deserializeBinary(peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8()).getEvents_asU8());
      if (event.getChaincodeId() !== chaincode || !event.getEventName()) continue;
      events.push({ blockNumber, transactionId: header.getTxId(), eventName: event.getEventName(), payload: event.getPayload_asU8() });
    }
  });
  return events;
}

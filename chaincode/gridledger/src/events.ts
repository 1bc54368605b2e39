import type { ChainEventData, ChaincodeEventName } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { canonicalJson } from './canonical-json.ts';
import { platformUser, type PlatformUser } from './caller.ts';
import { txTime, txTimeMillis } from './clock.ts';
import { KEY, key } from './keys.ts';
import { writeJson } from './state.ts';

/**
 * Chaincode event names (@gridledger/domain's CHAINCODE_EVENT_NAMES) are a stable, documented
 * contract with the ledger service, which relays each one to Kafka (see EVENTS.md). Fabric
 * keeps one event per transaction, so every transaction emits exactly one.
 */

/** Which aggregates the event belongs to; the ledger service keys Kafka messages by them. */
export interface EventSubjects {
  assetId?: string;
  requestId?: string;
  uid?: string;
}

export interface ChaincodeEventPayload<T = Record<string, unknown>> {
  event: ChaincodeEventName;
  version: 1;
  txId: string;
  timestamp: string;
  signer: PlatformUser;
  subjects: EventSubjects;
  data: T;
}

/** One step in an asset's history, as GetAssetLineage returns it. */
export interface LineageEntry {
  docType: 'lineage';
  assetId: string;
  action: ChaincodeEventName;
  txId: string;
  timestamp: string;
  signer: PlatformUser;
  requestId: string | null;
  data: Record<string, unknown>;
}

/** Millisecond timestamps padded so lexical key order is time order. */
export const sortableTime = (millis: number): string => String(millis).padStart(15, '0');

/**
 * Emits the transaction's event and, when it touches an asset, appends the same facts to the
 * asset's lineage under a key ordered by transaction time, so lineage needs no counter that
 * concurrent transactions would fight over.
 */
export async function emit<N extends ChaincodeEventName>(ctx: Context, event: N, subjects: EventSubjects, data: ChainEventData<N>): Promise<ChaincodeEventPayload<ChainEventData<N>>> {
  const payload: ChaincodeEventPayload<ChainEventData<N>> = {
    event,
    version: 1,
    txId: ctx.stub.getTxID(),
    timestamp: txTime(ctx),
    signer: platformUser(ctx),
    subjects,
    data,
  };
  if (subjects.assetId) {
    const entry: LineageEntry = {
      docType: 'lineage',
      assetId: subjects.assetId,
      action: event,
      txId: payload.txId,
      timestamp: payload.timestamp,
      signer: payload.signer,
      requestId: subjects.requestId ?? null,
      data,
    };
    await writeJson(ctx, key(ctx, KEY.lineage, subjects.assetId, sortableTime(txTimeMillis(ctx)), payload.txId), entry);
  }
  ctx.stub.setEvent(event, Buffer.from(canonicalJson(payload)));
  return payload;
}

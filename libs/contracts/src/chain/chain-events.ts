import { CHAINCODE_EVENT_NAMES, type ChaincodeEventName } from '@gridledger/domain';
import { z } from 'zod';

/*
 * The chaincode's events as the ledger service relays them, one topic each. The names are
 * @gridledger/domain's CHAINCODE_EVENT_NAMES, the list the chaincode emits from (documented in
 * chaincode/gridledger/EVENTS.md), so the two cannot drift.
 */

/** AssetRegistered → asset-registered, at the type level, so every chain topic is a literal type. */
type Kebab<S extends string, First extends boolean = true> = S extends `${infer C}${infer Rest}`
  ? C extends Lowercase<C>
    ? `${C}${Kebab<Rest, false>}`
    : `${First extends true ? '' : '-'}${Lowercase<C>}${Kebab<Rest, false>}`
  : '';

export type ChainTopic<N extends ChaincodeEventName = ChaincodeEventName> = N extends ChaincodeEventName ? `gridledger.chain.${Kebab<N>}.v1` : never;

/** gridledger.chain.asset-registered.v1 for AssetRegistered, and so on. */
export const chainTopic = <N extends ChaincodeEventName>(name: N): ChainTopic<N> =>
  `gridledger.chain.${name.replace(/[A-Z]/g, (c, i: number) => `${i > 0 ? '-' : ''}${c.toLowerCase()}`)}.v1` as ChainTopic<N>;

export const CHAIN_TOPICS = Object.fromEntries(CHAINCODE_EVENT_NAMES.map((name) => [name, chainTopic(name)])) as { [N in ChaincodeEventName]: ChainTopic<N> };

/** The chaincode's envelope, plus where the ledger found it: block and the event's place in it. */
export const chainEventSchema = z.object({
  event: z.enum(CHAINCODE_EVENT_NAMES),
  version: z.literal(1),
  txId: z.string(),
  timestamp: z.iso.datetime(),
  signer: z.object({ mspId: z.string(), uid: z.string(), role: z.string() }),
  subjects: z.object({ assetId: z.string().optional(), requestId: z.string().optional(), uid: z.string().optional() }),
  data: z.record(z.string(), z.unknown()),
  blockNumber: z.string().regex(/^\d+$/),
});
export type ChainEvent = z.infer<typeof chainEventSchema>;

/** The Kafka key for a chain event: the aggregate it belongs to, so its events stay in order. */
export const chainEventKey = (event: Pick<ChainEvent, 'subjects' | 'txId'>): string =>
  event.subjects.assetId ?? event.subjects.requestId ?? event.subjects.uid ?? event.txId;

import type { Context } from 'fabric-contract-api';

/**
 * Every key the chaincode writes. Objects live under a composite key of their type and id;
 * index entries are composite keys whose value is empty, so a partial-key scan lists the ids.
 */
export const KEY = {
  asset: 'asset',
  assetByOwner: 'asset-by-owner',
  assetByOrg: 'asset-by-org',
  assetByCategory: 'asset-by-category',
  assetBySensitivity: 'asset-by-sensitivity',
  assetByStatus: 'asset-by-status',
  /** a data product's head: its latest version */
  product: 'product',
  request: 'request',
  requestByAssetConsumer: 'request-by-asset-consumer',
  /** one per granted subscription, under its product: who receives the product's next version */
  subscriptionByProduct: 'subscription-by-product',
  account: 'account',
  mint: 'mint',
  userFreeze: 'user-freeze',
  note: 'regulator-note',
  keyRelease: 'key-release',
  /** one per request, key version and recipient key: a repeated release records nothing new */
  keyReleaseOnce: 'key-release-once',
  download: 'download',
  lineage: 'lineage',
  ping: 'ping',
  /** one per ledger command carried out: the transaction that did it */
  command: 'command',
} as const;

export const key = (ctx: Context, type: string, ...parts: string[]): string => ctx.stub.createCompositeKey(type, parts);

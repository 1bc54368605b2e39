import type { AccessRequest } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { KEY, key } from '../keys.ts';
import { INDEX_VALUE, listKeys, mustRead, writeJson } from '../state.ts';

export const requestKey = (ctx: Context, id: string): string => key(ctx, KEY.request, id);

export const loadRequest = (ctx: Context, id: string): Promise<AccessRequest> => mustRead<AccessRequest>(ctx, requestKey(ctx, id), `request ${id}`);

export async function saveRequest(ctx: Context, request: AccessRequest): Promise<void> {
  await ctx.stub.putState(key(ctx, KEY.requestByAssetConsumer, request.assetId, request.consumer.uid, request.id), INDEX_VALUE);
  await writeJson(ctx, requestKey(ctx, request.id), request);
}

/** Every request a consumer has made for an asset, in id order. */
export async function requestsFor(ctx: Context, assetId: string, uid: string): Promise<AccessRequest[]> {
  const keys = await listKeys(ctx, KEY.requestByAssetConsumer, [assetId, uid]);
  const requests: AccessRequest[] = [];
  for (const parts of keys) {
    const id = parts[2];
    if (id) requests.push(await loadRequest(ctx, id));
  }
  return requests;
}

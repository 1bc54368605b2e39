import { z } from 'zod';
import { chaincodeCall } from './chaincode-call.ts';
import { accessRequestSchema, accountSchema, dataAssetSchema } from '@gridledger/contracts';

/** A page of QueryAssets: the assets the caller may see, and where the next page starts. */
export const assetPageSchema = z.object({ assets: z.array(dataAssetSchema), bookmark: z.string(), fetched: z.number() });

/** CheckAccess's verdict for one user on one asset; the decision's details pass through as the chaincode gives them. */
export const accessCheckSchema = z.looseObject({ assetId: z.string(), uid: z.string(), checkedAt: z.string(), allowed: z.boolean() });

/**
 * Every query (evaluated, never committed), as a typed builder. Lineage and history are passed on
 * to the API's callers as the chaincode tells them, so their entries are not narrowed here.
 */
export const queryCalls = {
  getAsset: (assetId: string) => chaincodeCall('asset', 'GetAsset', [assetId], dataAssetSchema),
  queryAssets: (filterJson: string, pageSize: number, bookmark: string) => chaincodeCall('asset', 'QueryAssets', [filterJson, String(pageSize), bookmark], assetPageSchema),
  getAssetHistory: (assetId: string) => chaincodeCall('asset', 'GetAssetHistory', [assetId], z.array(z.unknown())),
  getAssetLineage: (assetId: string) => chaincodeCall('lineage', 'GetAssetLineage', [assetId], z.unknown()),
  checkAccess: (assetId: string, uid: string) => chaincodeCall('access', 'CheckAccess', [assetId, uid], accessCheckSchema),
  getRequest: (requestId: string) => chaincodeCall('access', 'GetRequest', [requestId], accessRequestSchema),
  getAccount: (uid: string) => chaincodeCall('settlement', 'GetAccount', [uid], accountSchema),
  getVersion: () => chaincodeCall('system', 'GetVersion', [], z.object({ contract: z.string(), version: z.string() })),
  whoAmI: () => chaincodeCall('system', 'WhoAmI', [], z.object({ mspId: z.string(), uid: z.string().nullable(), role: z.string().nullable(), id: z.string() })),
};

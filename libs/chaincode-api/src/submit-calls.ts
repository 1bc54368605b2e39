import type { AccessRequestInput, AssetRegistration, DownloadInput, KeyReleaseInput, KeyRotation, MetadataPatch, NoteSubject } from '@gridledger/domain';
import { chaincodeCall } from './chaincode-call.ts';
import { accessRequestSchema, accountSchema, dataAssetSchema, grantUseSchema, pingSchema, regulatorNoteSchema, userFreezeSchema, userUnfrozenSchema } from '@gridledger/contracts';

/**
 * Every transaction that changes the ledger, as a typed builder: what the chaincode's function
 * takes, in its order, with the JSON arguments serialised here and nowhere else.
 */
export const submitCalls = {
  registerAsset: (registration: AssetRegistration) => chaincodeCall('asset', 'RegisterAsset', [JSON.stringify(registration)], dataAssetSchema),
  updateAssetMetadata: (assetId: string, patch: MetadataPatch) => chaincodeCall('asset', 'UpdateAssetMetadata', [assetId, JSON.stringify(patch)], dataAssetSchema),
  retireAsset: (assetId: string, reason: string) => chaincodeCall('asset', 'RetireAsset', [assetId, reason], dataAssetSchema),
  rotateAssetKey: (assetId: string, rotation: KeyRotation) => chaincodeCall('asset', 'RotateAssetKey', [assetId, JSON.stringify(rotation)], dataAssetSchema),

  requestAccess: (request: AccessRequestInput) => chaincodeCall('access', 'RequestAccess', [JSON.stringify(request)], accessRequestSchema),
  approveRequest: (requestId: string, reason: string) => chaincodeCall('access', 'ApproveRequest', [requestId, reason], accessRequestSchema),
  rejectRequest: (requestId: string, reason: string) => chaincodeCall('access', 'RejectRequest', [requestId, reason], accessRequestSchema),
  regulatorApprove: (requestId: string, reason: string) => chaincodeCall('access', 'RegulatorApprove', [requestId, reason], accessRequestSchema),
  regulatorReject: (requestId: string, reason: string) => chaincodeCall('access', 'RegulatorReject', [requestId, reason], accessRequestSchema),
  revokeGrant: (requestId: string, reason: string) => chaincodeCall('access', 'RevokeGrant', [requestId, reason], accessRequestSchema),
  expireRequest: (requestId: string) => chaincodeCall('access', 'ExpireRequest', [requestId], accessRequestSchema),
  // a grant's holder given no request id is refused by the chaincode with its own sentence
  recordKeyRelease: (requestId: string, release: KeyReleaseInput) => chaincodeCall('access', 'RecordKeyRelease', [requestId, JSON.stringify(release)], grantUseSchema),
  recordDownload: (requestId: string, download: DownloadInput) => chaincodeCall('access', 'RecordDownload', [requestId, JSON.stringify(download)], grantUseSchema),

  mint: (uid: string, amount: number, memo: string) => chaincodeCall('settlement', 'Mint', [uid, String(amount), memo], accountSchema),

  freezeAsset: (assetId: string, reason: string) => chaincodeCall('supervision', 'FreezeAsset', [assetId, reason], dataAssetSchema),
  unfreezeAsset: (assetId: string, reason: string) => chaincodeCall('supervision', 'UnfreezeAsset', [assetId, reason], dataAssetSchema),
  freezeUser: (uid: string, reason: string) => chaincodeCall('supervision', 'FreezeUser', [uid, reason], userFreezeSchema),
  unfreezeUser: (uid: string, reason: string) => chaincodeCall('supervision', 'UnfreezeUser', [uid, reason], userUnfrozenSchema),
  addRegulatorNote: (noteId: string, subjectType: NoteSubject, subjectId: string, text: string) => chaincodeCall('supervision', 'AddRegulatorNote', [noteId, subjectType, subjectId, text], regulatorNoteSchema),

  ping: (message: string) => chaincodeCall('system', 'Ping', [message], pingSchema),
};

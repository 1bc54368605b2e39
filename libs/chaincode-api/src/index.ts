export { chaincodeCall, parseChaincodeResult, type ChaincodeCall } from './chaincode-call.ts';
export { submitCalls } from './submit-calls.ts';
export { queryCalls, assetPageSchema, accessCheckSchema } from './query-calls.ts';
export {
  accessPolicySchema,
  accessRequestSchema,
  accountSchema,
  dataAssetSchema,
  grantUseSchema,
  regulatorNoteSchema,
  userFreezeSchema,
  type GrantUse,
  type RegulatorNote,
} from './chain-record-schemas.ts';

export { chaincodeCall, parseChaincodeResult, type ChaincodeCall } from './chaincode-call.ts';
export { submitCalls } from './submit-calls.ts';
export { queryCalls, assetPageSchema, accessCheckSchema } from './query-calls.ts';

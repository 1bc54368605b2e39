/**
 * The chaincode's refusal codes and the HTTP status each one means at the platform's edge.
 * Every refusal reads "CODE: sentence" (e.g. "POLICY_DENIED: organisation ConsumerMSP is not
 * allowed by the asset's policy"); clients split on the first ": " to get the code.
 */
export const CHAINCODE_ERROR_STATUS = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  INSUFFICIENT_FUNDS: 402,
  FORBIDDEN: 403,
  POLICY_DENIED: 403,
  FROZEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 409,
  /** the command was carried out already, by the transaction the sentence names (libs/domain command-claim.ts) */
  DUPLICATE_COMMAND: 409,
} as const;

export type ChaincodeErrorCode = keyof typeof CHAINCODE_ERROR_STATUS;
export const CHAINCODE_ERROR_CODES = Object.keys(CHAINCODE_ERROR_STATUS) as readonly ChaincodeErrorCode[];
export const isChaincodeErrorCode = (code: unknown): code is ChaincodeErrorCode => typeof code === 'string' && Object.hasOwn(CHAINCODE_ERROR_STATUS, code);

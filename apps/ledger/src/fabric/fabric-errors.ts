import { status as grpcStatus } from '@grpc/grpc-js';
import { GatewayError, StatusCode } from '@hyperledger/fabric-gateway';

/** Validation codes after which the same transaction, endorsed again, may well commit. */
const RETRIABLE_VALIDATION_CODES = new Set(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']);

const TRANSIENT_GRPC_CODES = new Set<number>([grpcStatus.UNAVAILABLE, grpcStatus.DEADLINE_EXCEEDED, grpcStatus.RESOURCE_EXHAUSTED, grpcStatus.CANCELLED]);

export interface Refusal {
  code: string;
  message: string;
}

/**
 * The chaincode's refusal ("POLICY_DENIED: organisation … is not allowed"), as the peers report
 * it in the endorsement error details. Undefined when the failure was not the chaincode saying no.
 */
export function chaincodeRefusal(error: unknown): Refusal | undefined {
  if (!(error instanceof GatewayError)) return undefined;
  for (const detail of error.details) {
    const match = /(?:^|[\s,:])([A-Z][A-Z_]{2,}): (.+)$/s.exec(detail.message);
    if (match?.[1] && match[2]) return { code: match[1], message: match[2].trim() };
  }
  return undefined;
}

/** A failure worth another attempt: a peer or orderer out of reach or too slow, not a refusal. */
export function isTransient(error: unknown): boolean {
  if (error instanceof GatewayError) return TRANSIENT_GRPC_CODES.has(error.code) || chaincodeRefusal(error) === undefined;
  return false;
}

/**
 * The gateway peer itself did not answer: out of reach, or silent until the deadline. An error
 * with details came from a peer that answered (about endorsers or the orderer behind it).
 */
export function isUnanswered(error: unknown): boolean {
  return error instanceof GatewayError && (error.code === grpcStatus.UNAVAILABLE || error.code === grpcStatus.DEADLINE_EXCEEDED) && error.details.length === 0;
}

const VALIDATION_CODE_NAMES = new Map<number, string>(Object.entries(StatusCode).map(([name, code]) => [code, name]));

export const validationCodeName = (code: number): string => VALIDATION_CODE_NAMES.get(code) ?? `VALIDATION_CODE_${code}`;

export const isRetriableValidationCode = (code: number): boolean => RETRIABLE_VALIDATION_CODES.has(validationCodeName(code));

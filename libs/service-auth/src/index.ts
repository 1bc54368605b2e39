export { SERVICE_NAMES, OPERATOR, PRINCIPAL_NAMES, isServiceName, isPrincipalName, type ServiceName, type PrincipalName } from './service-names.ts';
export { generateServiceKeyPair, type ServicePublicJwk } from './service-key-pair.ts';
export { ServiceKeyRegistry, loadServiceKeyRegistry } from './service-key-registry.ts';
export { ServiceCredential, loadServiceCredential } from './service-credential.ts';
export { verifyServiceToken, ServiceAuthError, SERVICE_TOKEN_TYPE, SERVICE_TOKEN_LIFETIME_SECONDS, type ServiceAuthErrorCode, type VerifyServiceTokenOptions } from './service-token.ts';
export {
  verifyAttestation,
  verifyAttestationOnReceipt,
  argumentsDigest,
  AttestationError,
  ATTESTATION_TYPE,
  DEFAULT_ATTESTATION_SECONDS,
  MAX_ATTESTATION_SECONDS,
  type AttestedCall,
  type ExpectedCall,
  type AttestationErrorCode,
} from './attestation.ts';
export { ATTESTATION_TABLE, QUERY_READERS, READ_ON_BEHALF, mayAttest, isQuery, type SignerKind } from './attestation-table.ts';
export { decodeProposedTransaction } from './fabric/proposed-transaction.ts';
export { decodePreparedTransaction } from './fabric/prepared-transaction.ts';
export { signFabricMessage, fabricMessageSigner } from './fabric/fabric-signature.ts';
export { UndecodableError, type DecodedCall, type DecodedSignable } from './fabric/decoded-call.ts';
export type { ReadTextFile } from './read-text-file.ts';
export { serviceAuthFromEnv, type ServiceAuth } from './service-auth-from-env.ts';

export { FabricCaClient } from './lib/fabric-ca-client.ts';
export { FabricCaError } from './lib/fabric-ca-error.ts';
export type { CaErrorMessage, FabricCaErrorCode } from './lib/fabric-ca-error.ts';
export { readCertificateAttributes, FABRIC_ATTRIBUTES_OID } from './lib/certificate-attributes.ts';
export { REVOCATION_REASONS } from './lib/request-bodies.ts';
export type {
  AttributeRequest,
  CaInfo,
  CaTlsOptions,
  EnrollOptions,
  Enrollment,
  FabricCaClientOptions,
  IdentityType,
  Registration,
  RegistrationAttribute,
  RevocationRequest,
} from './lib/types.ts';

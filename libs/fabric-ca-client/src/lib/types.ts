export interface CaTlsOptions {
  /** PEM of the CA's TLS root certificate(s); the server certificate is always verified against these. */
  trustedRootsPem: string;
}

export interface FabricCaClientOptions {
  /** Base URL of the CA server, e.g. `https://localhost:7054`. Must be https. */
  url: string;
  /** Name of the CA within a multi-CA server; the server's default CA when omitted. */
  caName?: string;
  tls: CaTlsOptions;
  /** Deadline for a whole request, connection to last byte. Default 15 000. */
  timeoutMs?: number;
}

export interface Enrollment {
  certificatePem: string;
  /** PKCS#8 PEM; never appears in any error message. */
  privateKeyPem: string;
  caChainPem: string;
}

export interface AttributeRequest {
  name: string;
  /** When false (the default) enrollment fails if the identity lacks the attribute. */
  optional?: boolean;
}

export interface RegistrationAttribute {
  name: string;
  value: string;
  /** Put the attribute into enrollment certificates even when the enroll request names no attributes. */
  ecert?: boolean;
}

export type IdentityType = 'client' | 'peer' | 'admin' | 'orderer';

export interface Registration {
  enrollmentId: string;
  /** Chosen by the CA when omitted; either way it is returned by `register`. */
  secret?: string;
  /** The registrar's own type when omitted (that is the CA's rule). */
  type?: IdentityType;
  /** The registrar's affiliation when omitted; `.` means the root affiliation. */
  affiliation?: string;
  /** 0 or omitted: the CA's default; -1: unlimited. */
  maxEnrollments?: number;
  attributes?: RegistrationAttribute[];
}

export interface CaInfo {
  caName: string;
  caChainPem: string;
  version: string;
}

export interface EnrollOptions {
  /**
   * Omitted: the CA adds the identity's `ecert: true` attributes. Given (even empty): exactly
   * these, and the CA refuses the enrollment if a non-optional one is missing.
   */
  attributeRequests?: AttributeRequest[];
}

export interface RevocationRequest {
  enrollmentId: string;
  /** An RFC 5280 reason name as the CA spells it, e.g. `keycompromise`; `unspecified` when omitted. */
  reason?: string;
}

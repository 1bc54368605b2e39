import type { AssetCategory, AssetStatus, RequestStatus, Role, Sensitivity } from '@gridledger/domain';

/**
 * What the services answer, as far as the dashboard reads it. The services' OpenAPI (/docs) is the
 * reference; the vocabulary (roles, categories, statuses) is @gridledger/domain's.
 */

export interface Me {
  id: string;
  username: string;
  /** what screens show instead of the id; the username until someone sets one */
  displayName: string;
  email: string;
  mspId: string;
  role: Role;
  status: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** One user in the identity service's directory (GET /users). */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  email: string;
  mspId: string;
  organizationName: string;
  role: Role;
  status: 'active' | 'suspended';
  createdAt: string;
}

export interface DirectoryPage {
  users: DirectoryUser[];
  total: number;
  limit: number;
  offset: number;
}

/** An admin's one-time password reset: the token is in this answer only. */
export interface PasswordReset {
  userId: string;
  token: string;
  expiresAt: string;
}

export interface Organization {
  mspId: string;
  name: string;
}

export interface AssetPolicy {
  allowedOrgs: string[];
  allowedRoles: Role[];
  allowedPurposes: string[];
  maxDurationSeconds: number;
  maxDownloads: number;
}

export interface Asset {
  id: string;
  title: string;
  description: string;
  category: AssetCategory;
  sensitivity: Sensitivity;
  owner: { mspId: string; uid: string };
  cid: string;
  plaintextSha256: string;
  ciphertextSha256: string;
  sizeBytes: number;
  encryptionScheme: string;
  priceCredits: number;
  policy: AssetPolicy;
  status: AssetStatus;
  keyVersion: number;
  /** the data product this asset is a version of; absent on assets older than products (version 1 of their own) */
  product?: ProductVersion;
  createdAt: string;
  updatedAt: string;
}

export interface ProductVersion {
  /** the product's first version's asset id */
  id: string;
  version: number;
  previousAssetId: string | null;
}

export interface AssetPage {
  assets: Asset[];
  bookmark: string;
  fetched?: number;
}

/** A page of the catalog search (access-policy service): the matching assets and how many match in all. */
export interface CatalogPage {
  assets: Asset[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FileRecord {
  assetId: string;
  title: string;
  fileName: string;
  sizeBytes: number;
  cid: string;
  status: 'pending' | 'anchored' | 'rejected';
  txId: string | null;
  blockNumber: string | null;
  rejection: unknown;
}

export interface UploadProgress {
  uploadId: string;
  stage: 'receiving' | 'pinning' | 'registering' | 'done' | 'failed';
  bytesReceived: number;
  bytesExpected: number | null;
  assetId: string | null;
  error: string | null;
}

export interface LineageEntry {
  action: string;
  assetId: string;
  requestId: string | null;
  signer: { mspId: string; role: string; uid: string };
  timestamp: string;
  txId: string;
  data: Record<string, unknown>;
}

export interface Account {
  uid: string;
  balance: number;
  escrowed: number;
}

/** The access-policy service's view of one sharing request. */
export interface RequestView {
  id: string;
  assetId: string;
  /** null until the read model has seen the asset */
  assetTitle: string | null;
  sensitivity: Sensitivity | null;
  owner: { mspId: string; uid: string };
  consumer: { mspId: string; uid: string };
  purpose: string;
  durationSeconds: number;
  priceCredits: number;
  status: RequestStatus;
  requiresRegulator: boolean;
  decisions: { by: { mspId: string; uid: string; role: string }; decision: 'approved' | 'rejected' | 'revoked' | 'expired'; reason: string; at: string; txId: string }[];
  grant: { expiresAt: string | null; maxDownloads: number | null; remainingDownloads: number | null } | null;
  keyRelease: { status: 'none' | 'requested' | 'released' | 'failed'; message: string | null };
  /** a subscription to the asset's data product: how many versions it paid for and has received */
  subscription?: { productId: string; versionsPaid: number; versionsDelivered: number; installmentCredits: number } | null;
  /** the subscription that delivered this grant when the version was published */
  deliveredBy?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Inbox {
  ownerPending: RequestView[];
  regulatorPending: RequestView[];
  myRequests: RequestView[];
  myGrants: RequestView[];
}

export interface AuditEntry {
  eventId: string;
  action: string;
  service: string;
  occurredAt: string;
  actorUid: string | null;
  actorMsp: string | null;
  actorRole: string | null;
  assetId: string | null;
  requestId: string | null;
  txId: string | null;
  blockNumber: string | null;
  data: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  next: string | null;
}

/** A reconciliation run of the audit service: the chain against storage records, IPFS and grants. */
export interface ReconciliationReport {
  runId: string;
  trigger: 'scheduled' | 'on-demand';
  scope: string[] | null;
  startedAt: string;
  finishedAt: string;
  assetsChecked: number;
  grantsChecked: number;
  violations: { assetId: string; kind: string; where: string; expected: string | null; actual: string | null }[];
}

export type ViolationState = 'open' | 'acknowledged' | 'resolved';

/** One integrity violation, from storage's reports and reconciliation's findings, once per asset and kind. */
export interface IntegrityViolation {
  id: string;
  assetId: string;
  kind: string;
  sources: ('storage' | 'reconciliation')[];
  where: string;
  expected: string | null;
  actual: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  occurrences: number;
  state: ViolationState;
  acknowledged: { by: string; at: string; note: string } | null;
  resolved: { by: string; at: string; note: string } | null;
  reopenedAt: string | null;
}

export interface ViolationPage {
  items: IntegrityViolation[];
  next: string | null;
}

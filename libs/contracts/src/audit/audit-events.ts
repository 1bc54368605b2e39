import { z } from 'zod';

/** The audit service's events: what reconciliation found when it compared chain, services and IPFS. */
export const AUDIT_TOPICS = {
  integrityViolation: 'gridledger.audit.integrity-violation.v1',
  reconciliationCompleted: 'gridledger.audit.reconciliation-completed.v1',
} as const;

export const RECONCILIATION_FINDINGS = [
  /** the chain has the asset, the storage service has no record of it */
  'missing-file-record',
  /** the storage service's record disagrees with the chain (CID, hashes, key version, owner) */
  'record-mismatch',
  /** the storage service has an anchored file the chain does not know */
  'not-on-chain',
  /** the asset's CID is not pinned in IPFS */
  'not-pinned',
  /** the pinned bytes do not hash to the chain's ciphertext SHA-256 */
  'ciphertext-hash-mismatch',
  /** a grant in the access-policy read model disagrees with the chain */
  'grant-mismatch',
] as const;

/** One disagreement found by reconciliation. */
export const reconciliationViolationSchema = z.object({
  runId: z.uuid(),
  assetId: z.string(),
  kind: z.enum(RECONCILIATION_FINDINGS),
  /** which copy disagrees with the chain: storage, access-policy, ipfs */
  where: z.string(),
  expected: z.string().nullable(),
  actual: z.string().nullable(),
});

export const reconciliationCompletedSchema = z.object({
  runId: z.uuid(),
  trigger: z.enum(['scheduled', 'on-demand']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  assetsChecked: z.number().int().min(0),
  grantsChecked: z.number().int().min(0),
  violations: z.number().int().min(0),
});

export interface AuditTopicPayloads {
  [AUDIT_TOPICS.integrityViolation]: z.infer<typeof reconciliationViolationSchema>;
  [AUDIT_TOPICS.reconciliationCompleted]: z.infer<typeof reconciliationCompletedSchema>;
}

export const AUDIT_SCHEMAS = {
  [AUDIT_TOPICS.integrityViolation]: reconciliationViolationSchema,
  [AUDIT_TOPICS.reconciliationCompleted]: reconciliationCompletedSchema,
} as const;

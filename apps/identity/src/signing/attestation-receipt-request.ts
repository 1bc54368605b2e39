import { z } from 'zod';

/** The most attestations shown in one call: a slice of the ledger's backlog. */
export const MAX_RECEIPTS_PER_CALL = 500;

export const attestationReceiptRequestSchema = z.strictObject({
  userId: z.uuid(),
  commandId: z.uuid(),
  /** the command's attestation (compact JWS), as the ledger received it */
  attestation: z.string().min(1).max(8192),
});
export type AttestationReceiptRequest = z.infer<typeof attestationReceiptRequestSchema>;

export const attestationReceiptBatchSchema = z.strictObject({
  attestations: z.array(attestationReceiptRequestSchema).min(1, 'attestations must not be empty').max(MAX_RECEIPTS_PER_CALL, `at most ${MAX_RECEIPTS_PER_CALL} attestations per call`),
});

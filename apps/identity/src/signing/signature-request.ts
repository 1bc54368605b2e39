import { z } from 'zod';

/** The largest proposal or transaction the service reads: 1 MiB. */
export const MAX_SIGNABLE_BYTES = 1024 * 1024;
const MAX_BASE64_LENGTH = Math.ceil(MAX_SIGNABLE_BYTES / 3) * 4;
/** How many bytes a (valid, padded) base64 string decodes to, without decoding it. */
const decodedLength = (base64: string) => (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

/**
 * What the ledger asks to have signed: the bytes fabric-gateway built (never a bare digest, so
 * this service reads what it signs), for whom, and the proof that the user asked for it.
 */
export const signatureRequestSchema = z.strictObject({
  userId: z.uuid(),
  /** `proposal`: a serialized gateway ProposedTransaction; `transaction`: a serialized gateway PreparedTransaction */
  kind: z.enum(['proposal', 'transaction'], { error: 'kind must be proposal or transaction' }),
  /** fabric-gateway's `getBytes()`, base64 */
  bytes: z
    .string()
    .max(MAX_BASE64_LENGTH, 'bytes must be at most 1 MiB')
    .pipe(z.base64('bytes must be base64'))
    .refine((b) => b.length > 0, 'bytes must not be empty')
    .refine((b) => decodedLength(b) <= MAX_SIGNABLE_BYTES, 'bytes must be at most 1 MiB'),
  /** the ledger command the bytes carry out; checked against the attestation's */
  commandId: z.uuid().optional(),
  /** a service's attestation of this call for this user (compact JWS) */
  attestation: z.string().min(1).max(8192).optional(),
  /** for a query only: the user's own access token, from a read the user asked for directly */
  userAccessToken: z.string().min(1).max(8192).optional(),
});
export type SignatureRequest = z.infer<typeof signatureRequestSchema>;

/** The most signatures asked for in one batch: a burst of the ledger's commands, well inside the 2 MB body limit. */
export const MAX_SIGNATURES_PER_BATCH = 64;

/**
 * Several signature requests in one call, for the ledger's pipeline: each is read and decided
 * on its own, exactly as if it had come alone, and gets its own signature or refusal.
 */
export const signatureBatchSchema = z.strictObject({
  requests: z.array(signatureRequestSchema).min(1, 'requests must not be empty').max(MAX_SIGNATURES_PER_BATCH, `at most ${MAX_SIGNATURES_PER_BATCH} requests per batch`),
});

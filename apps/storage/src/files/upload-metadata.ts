import { ASSET_CATEGORIES, MAX_DESCRIPTION_LENGTH, MAX_POLICY_DOWNLOADS, MAX_POLICY_DURATION_SECONDS, MAX_PRICE_CREDITS, MAX_TITLE_LENGTH, ROLES, SENSITIVITIES } from '@gridledger/domain';
import { z } from 'zod';
import { StorageError } from '../common/storage-error.ts';

/** What the owner says about the file; the chaincode checks it again, this is for a quick, clear 400. */
export const uploadMetadataSchema = z.object({
  title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
  description: z.string().max(MAX_DESCRIPTION_LENGTH).optional(),
  category: z.enum(ASSET_CATEGORIES),
  sensitivity: z.enum(SENSITIVITIES),
  priceCredits: z.number().int().min(0).max(MAX_PRICE_CREDITS),
  policy: z.object({
    allowedOrgs: z.array(z.string().regex(/^[A-Za-z0-9.-]{1,64}$/)).max(32),
    allowedRoles: z.array(z.enum(ROLES)).max(ROLES.length),
    allowedPurposes: z.array(z.string().min(1).max(64)).max(32),
    maxDurationSeconds: z.number().int().min(1).max(MAX_POLICY_DURATION_SECONDS),
    maxDownloads: z.number().int().min(1).max(MAX_POLICY_DOWNLOADS),
  }).strict(),
  /** publishes the file as the next version of the data product whose latest version this asset is */
  versionOf: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an asset id').optional(),
}).strict();

export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

/** The `metadata` form field (JSON), validated; the error names the field at fault. */
export function parseUploadMetadata(text: string | undefined): UploadMetadata {
  if (text === undefined) throw new StorageError('METADATA_REQUIRED', 'send the "metadata" field (JSON) before the "file" part of the form');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StorageError('INVALID_METADATA', 'the "metadata" field is not JSON');
  }
  const parsed = uploadMetadataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StorageError('INVALID_METADATA', `metadata.${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Only a content type of the usual shape is kept; anything else is stored as opaque bytes. */
export function sanitizeContentType(raw: string | undefined): string {
  return raw && /^[a-z]+\/[a-z0-9.+-]{1,100}$/i.test(raw) ? raw.toLowerCase() : 'application/octet-stream';
}

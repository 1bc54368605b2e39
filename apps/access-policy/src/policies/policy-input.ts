import { MAX_POLICY_DOWNLOADS, MAX_POLICY_DURATION_SECONDS, ROLES } from '@gridledger/domain';
import { z } from 'zod';

const sortedUnique = (values: string[]) => [...new Set(values)].sort();

/**
 * An asset's access policy as the owner edits it; the chaincode enforces it on every request.
 * The upper limits are the platform's (@gridledger/domain), so what the dashboard's editor and the
 * upload accept, this accepts too.
 */
export const policySchema = z.object({
  /** MSP ids whose users may request; empty: any organisation */
  allowedOrgs: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/, 'must be an MSP id such as GridMSP')).max(32).transform(sortedUnique),
  /** roles that may request; empty: consumers only */
  allowedRoles: z.array(z.enum(ROLES)).max(ROLES.length).transform(sortedUnique),
  /** purposes a request may state; empty: any purpose */
  allowedPurposes: z.array(z.string().trim().min(1).max(100)).max(32).transform(sortedUnique),
  maxDurationSeconds: z.number().int().min(60).max(MAX_POLICY_DURATION_SECONDS),
  /** key releases plus platform downloads a grant allows */
  maxDownloads: z.number().int().min(1).max(MAX_POLICY_DOWNLOADS),
}).strict();
export type AccessPolicy = z.infer<typeof policySchema>;

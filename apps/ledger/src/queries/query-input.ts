import { ASSET_CATEGORIES, ASSET_STATUSES, SENSITIVITIES } from '@gridledger/domain';
import { z } from 'zod';
import type { LedgerRequest } from '../common/caller-guards.ts';
import { LedgerError } from '../common/ledger-error.ts';
import type { SigningProof } from '../signing/identity-client.ts';

// the chaincode's own id and MSP rules: a value it would refuse is refused here, without a round trip
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MSP_PATTERN = /^[A-Za-z][A-Za-z0-9.-]{0,63}$/;

// a repeated query parameter arrives as an array
const text = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be given once, as text') });
const id = text().regex(ID_PATTERN, 'must be 1 to 128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit');

export const PAGE_SIZE = { min: 1, max: 100, default: 20 } as const;

const ASSET_QUERY_PARAMETERS = 'ownerUid, mspId, category, sensitivity, status, pageSize and bookmark';
const pageSizeHint = `must be a whole number from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}`;

export const assetQuerySchema = z.strictObject({
  ownerUid: id.optional(),
  mspId: text().regex(MSP_PATTERN, 'must be an MSP id: a letter, then up to 63 letters, digits, "." or "-"').optional(),
  category: z.enum(ASSET_CATEGORIES, { error: `must be one of ${ASSET_CATEGORIES.join(', ')}` }).optional(),
  sensitivity: z.enum(SENSITIVITIES, { error: `must be one of ${SENSITIVITIES.join(', ')}` }).optional(),
  status: z.enum(ASSET_STATUSES, { error: `must be one of ${ASSET_STATUSES.join(', ')}` }).optional(),
  pageSize: text()
    .regex(/^\d{1,3}$/, pageSizeHint)
    .transform(Number)
    .pipe(z.number().min(PAGE_SIZE.min, pageSizeHint).max(PAGE_SIZE.max, pageSizeHint))
    .default(PAGE_SIZE.default),
  // Fabric's bookmark is an opaque state key (it may hold U+0000), so only its length is checked
  bookmark: text().max(2048, 'must be at most 2048 characters').default(''),
}, {
  error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown query parameter ${issue.keys.join(', ')}: the asset list takes ${ASSET_QUERY_PARAMETERS}` : undefined),
});

export type AssetQuery = z.infer<typeof assetQuerySchema>;

function parse<T>(schema: z.ZodType<T>, value: unknown, field?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [field, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  throw new LedgerError('INVALID_ARGUMENT', `${path ? `${path} ` : ''}${issue?.message ?? 'is invalid'}`, 400);
}

/** A path parameter holding a ledger id (asset, request, user, transaction). */
export const parseId = (field: string, value: unknown): string => parse(id, value, field);

const userHeader = z.uuid('must be a user id (a UUID)').optional();

/** A query's reader: the user it is evaluated as, and the proof the identity service signs on. */
export interface QueryCaller {
  userId: string;
  proof: SigningProof;
}

/**
 * Who a query is evaluated as. A user calling with their own token reads as themselves (naming
 * another user is refused); a service names the user in `x-gridledger-user` and attests the read
 * in `x-gridledger-attestation`, or names no one and reads as the ledger's own identity.
 */
export function queryCaller(request: LedgerRequest): QueryCaller | undefined {
  const named = parse(userHeader, request.headers['x-gridledger-user'], 'x-gridledger-user');
  const caller = request.caller;
  if (caller?.kind === 'user') {
    if (named && named !== caller.user.id) throw new LedgerError('FORBIDDEN', 'a user reads the ledger as themselves only', 403);
    return { userId: caller.user.id, proof: { userAccessToken: caller.accessToken } };
  }
  if (!named) return undefined;
  const attestation = request.headers['x-gridledger-attestation'];
  return { userId: named, proof: typeof attestation === 'string' ? { attestation } : {} };
}

export const parseAssetQuery = (query: unknown): AssetQuery => parse(assetQuerySchema, query ?? {});

/** The chaincode's filter object: only the fields the caller gave, so an empty filter is `{}`. */
export function assetFilterJson(query: AssetQuery): string {
  const { ownerUid, mspId, category, sensitivity, status } = query;
  return JSON.stringify({ ownerUid, mspId, category, sensitivity, status });
}

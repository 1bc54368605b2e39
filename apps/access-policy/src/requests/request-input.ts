import { isRequestStatus, MAX_POLICY_DURATION_SECONDS, MAX_SUBSCRIPTION_VERSIONS, REQUEST_STATUSES, type RequestStatus } from '@gridledger/domain';
import { x25519PublicKeyBytes } from '@gridledger/file-crypto';
import { z } from 'zod';
import { AccessError } from '../common/access-error.ts';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id: letters, digits, . _ : -, at most 128 characters');
/** An X25519 public key as a PEM (SPKI) block, what `gridledger keygen` writes, or 32 raw bytes in base64; kept as the latter */
const x25519 = z.string().max(1000).transform((value, ctx) => {
  try {
    return Buffer.from(x25519PublicKeyBytes(/BEGIN/.test(value) ? value : Buffer.from(value, 'base64'))).toString('base64');
  } catch (error) {
    const smallOrder = error instanceof Error && /small order/.test(error.message);
    ctx.addIssue({
      code: 'custom',
      params: { code: 'INVALID_PUBLIC_KEY' },
      message: smallOrder
        ? 'is a point of small order: a key sealed to it could be opened by anyone; use a key from `npm run gridledger -- keygen`'
        : 'must be an X25519 public key: a PEM (SPKI) block, or 32 bytes in base64 (`npm run gridledger -- keygen` makes one)',
    });
    return z.NEVER;
  }
});
const reason = z.string().trim().min(1, 'give a reason: it goes on chain with the decision').max(500);

export const createRequestSchema = z.object({
  assetId: id,
  purpose: z.string().trim().min(1).max(200),
  // no policy allows more; the chaincode refuses anything over the asset's own maximum
  durationSeconds: z.number().int().min(60).max(MAX_POLICY_DURATION_SECONDS),
  /** if given, the file key is sealed for this key as soon as the grant is final (and for each version a subscription delivers) */
  recipientPublicKey: x25519.optional(),
  /** subscribe to the asset's data product: this version now and the next ones published during the term, `versions` in all */
  subscription: z.object({ versions: z.number().int().min(1).max(MAX_SUBSCRIPTION_VERSIONS) }).strict().optional(),
}).strict();

export const decisionSchema = z.object({ reason }).strict();
export const keyReleaseSchema = z.object({ publicKey: x25519 }).strict();

export const REQUEST_VIEWS = ['consumer', 'owner', 'regulator'] as const;
export const listQuerySchema = z.object({
  view: z.enum(REQUEST_VIEWS).default('consumer'),
  status: z.string().optional().transform((value, ctx) => {
    const statuses = value ? value.split(',') : [];
    for (const status of statuses) if (!isRequestStatus(status)) ctx.addIssue({ code: 'custom', message: `status ${status} is not one of ${REQUEST_STATUSES.join(', ')}` });
    return statuses.filter(isRequestStatus) satisfies RequestStatus[];
  }),
  assetId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Parses a body or query, or refuses with 400 and a sentence naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  // a field may name a more precise code than INVALID_ARGUMENT (a recipient key: INVALID_PUBLIC_KEY)
  const code = issue?.code === 'custom' && typeof issue.params?.['code'] === 'string' ? issue.params['code'] : 'INVALID_ARGUMENT';
  throw new AccessError(code, `${field}: ${issue?.message ?? 'invalid'}`, 400);
}

export const parseId = (name: string, value: string): string => parseInput(z.object({ [name]: id }), { [name]: value })[name] as string;

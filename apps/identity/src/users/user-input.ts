import { ROLES } from '@gridledger/domain';
import { z } from 'zod';
import { displayNameField } from '../accounts/account-input.ts';
import { IdentityError } from '../common/identity-error.ts';

// "owner, consumer, regulator or admin"
const roleList = `${ROLES.slice(0, -1).join(', ')} or ${ROLES.at(-1)}`;

export const onboardUserSchema = z.strictObject({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'a username is 3 to 64 lower-case letters, digits, ".", "_" or "-"'),
  /** what the dashboard shows; the username when left out */
  displayName: displayNameField.optional(),
  email: z.email('not a valid e-mail address').max(254),
  password: z.string(),
  role: z.enum(ROLES, { error: `role must be ${roleList}` }),
});
export type OnboardUser = z.infer<typeof onboardUserSchema>;

export const suspendSchema = z.strictObject({ reason: z.string().min(1).max(500) });
export const encryptionKeySchema = z.strictObject({ publicKey: z.string().min(1).max(100) });
export const loginSchema = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });

/** Parses a request body, turning the first problem into a 400 with a sentence that names the field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new IdentityError('INVALID_ARGUMENT', `${field}${issue?.message ?? 'invalid request body'}`);
}

import { z } from 'zod';

/** shared with onboarding, where it is optional */
export const displayNameField = z.string().trim().min(1, 'a display name needs at least one character').max(100, 'a display name has at most 100 characters');

export const displayNameSchema = z.strictObject({ displayName: displayNameField });
export const changePasswordSchema = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });
export const redeemResetSchema = z.strictObject({ token: z.string().min(1).max(200), newPassword: z.string().min(1).max(256) });

/** The directory's query string: everything arrives as text, so numbers are coerced and bounded. */
export const directoryQuerySchema = z.strictObject({
  search: z.string().trim().max(100).optional(),
  org: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be user ids (UUIDs)');
/** `ids=a,b,c`: the users a screen lists (a catalog page's owners), at most 100. */
export const namesQuerySchema = z.strictObject({
  ids: z.string().min(1).max(100 * 37).transform((value) => [...new Set(value.split(','))]).pipe(z.array(uuid).min(1).max(100)),
});

import { HttpException } from '@nestjs/common';
import { z } from 'zod';

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);
export const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/** What narrows a search or an export: asset, user, organisation, action, and a time range (from inclusive, to exclusive). */
export const filterFields = {
  assetId: id.optional(),
  userId: id.optional(),
  org: id.optional(),
  action: z.string().regex(/^[a-z]+\.[a-z-]+$/).optional(),
  from: instant.optional(),
  to: instant.optional(),
};

/** A range that ends before it starts is a mistake to say, not an empty answer to give. */
export const orderedRange = (range: { from?: Date | undefined; to?: Date | undefined }): boolean => !range.from || !range.to || range.from.getTime() <= range.to.getTime();
export const RANGE_MESSAGE = { message: 'from must not be after to', path: ['from'] };

export const searchSchema = z.object({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** the `next` of the previous page: `<occurredAt>|<eventId>`, as this API wrote it */
  after: z
    .string()
    .max(300)
    .refine((cursor) => {
      const [at, eventId, ...rest] = cursor.split('|');
      return rest.length === 0 && z.iso.datetime({ offset: true }).safeParse(at).success && /^[\w.:-]{1,200}$/.test(eventId ?? '');
    }, 'must be the `next` cursor of a previous page (<time>|<event id>)')
    .optional(),
  /** csv: every matching row, streamed as /audit/exports does (limit and after are for JSON pages) */
  format: z.enum(['json', 'csv']).default('json'),
}).strict().refine(orderedRange, RANGE_MESSAGE);

export const countersSchema = z.object({ hours: z.coerce.number().int().min(1).max(24 * 31).default(24), org: id.optional() }).strict();

/** Query parameters, validated; a bad one is a 400 that names it. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpException({ statusCode: 400, code: 'INVALID_ARGUMENT', message: `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}` }, 400);
  }
  return parsed.data;
}

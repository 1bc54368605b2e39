import { z } from 'zod';
import { VIOLATION_STATES } from './violation-state.ts';

export const listSchema = z.object({
  state: z.enum(VIOLATION_STATES, { error: 'must be open, acknowledged or resolved' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** the `next` of the previous page: `<firstSeenAt>|<id>` */
  after: z
    .string()
    .max(100)
    .refine((cursor) => {
      const [at, id, ...rest] = cursor.split('|');
      return rest.length === 0 && z.iso.datetime({ offset: true }).safeParse(at).success && z.uuid().safeParse(id).success;
    }, 'must be the `next` cursor of a previous page (<time>|<id>)')
    .optional(),
}).strict();

/** Acknowledging or resolving says why: the note is kept with who and when. */
export const decisionSchema = z.object({ note: z.string().trim().min(1, 'say what was done or why').max(1000) }).strict();

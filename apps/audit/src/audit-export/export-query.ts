import { z } from 'zod';
import { filterFields, orderedRange, RANGE_MESSAGE } from '../audit-log/audit-query.ts';
import { EXPORT_FORMATS } from './export-encoding.ts';

/** An export: the search's filters and time range, and the format; no limit, no cursor (every matching row). */
export const exportSchema = z
  .object({ ...filterFields, format: z.enum(EXPORT_FORMATS, { error: 'must be csv or jsonl' }).default('csv') })
  .strict()
  .refine(orderedRange, RANGE_MESSAGE);

export type ExportRequest = z.infer<typeof exportSchema>;

import { z } from 'zod';

/** The request body's schema for OpenAPI, derived from the same zod schema that validates it. */
export const openApiBody = (schema: z.ZodType) => ({ schema: z.toJSONSchema(schema) as Record<string, unknown> });

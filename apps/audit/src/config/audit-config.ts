import { z } from 'zod';

const schema = z.object({
  AUDIT_PORT: z.coerce.number().int().min(0).max(65535).default(13005),
  AUDIT_DATABASE_URL: z.string().startsWith('postgres'),
  AUDIT_KAFKA_BROKERS: z.string().regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'AUDIT_KAFKA_BROKERS must be host:port[,host:port…]').default('127.0.0.1:19092'),
  /** the identity service: its JWKS verifies callers' access tokens */
  AUDIT_IDENTITY_URL: z.url(),
});

export type AuditConfig = z.infer<typeof schema>;
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

/** Validates the environment once at boot: a bad setting stops the service with a sentence that names it. */
export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`audit service configuration is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

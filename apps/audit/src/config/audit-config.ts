import { kafkaConnectionFromEnv, type KafkaConnection } from '@gridledger/kafka-client';
import { z } from 'zod';

const schema = z.object({
  AUDIT_PORT: z.coerce.number().int().min(0).max(65535).default(13005),
  AUDIT_DATABASE_URL: z.string().startsWith('postgres'),
  /** the identity service: its JWKS verifies callers' access tokens */
  AUDIT_IDENTITY_URL: z.url(),
  /** reconciliation reads the chain through the ledger service … */
  AUDIT_LEDGER_URL: z.url(),
  /** … files and IPFS through the storage service, and grants from the access-policy service */
  AUDIT_STORAGE_URL: z.url(),
  AUDIT_ACCESS_POLICY_URL: z.url(),
  /** the platform's service credential, for those services' internal APIs */
  AUDIT_SERVICE_TOKEN: z.string().min(32, 'AUDIT_SERVICE_TOKEN must be the platform service token (32 characters or more)'),
  /** how often the whole platform is reconciled; 0 turns the schedule off (on demand still works) */
  AUDIT_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
});

export type AuditConfig = z.infer<typeof schema> & {
  /** its own Kafka principal (SASL/SCRAM over TLS), from AUDIT_KAFKA_BROKERS, _USERNAME, _PASSWORD and _CA_FILE */
  kafka: KafkaConnection;
};
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

/** Validates the environment once at boot: a bad setting stops the service with a sentence that names it. */
export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`audit service configuration is invalid:\n${z.prettifyError(parsed.error).replace(/AUDIT_SERVICE_TOKEN.*$/m, 'AUDIT_SERVICE_TOKEN is missing or too short')}`);
  return { ...parsed.data, kafka: kafkaConnectionFromEnv('AUDIT', env) };
}

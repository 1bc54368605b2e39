import { kafkaConnectionFromEnv, type KafkaConnection } from '@gridledger/kafka-client';
import { serviceAuthFromEnv, type ServiceAuth } from '@gridledger/service-auth';
import { z } from 'zod';

const schema = z.object({
  AUDIT_PORT: z.coerce.number().int().min(0).max(65535).default(13005),
  /** the address to listen on: loopback unless a container or pod must be reached from outside it */
  AUDIT_HOST: z.union([z.ipv4(), z.ipv6()], { error: 'AUDIT_HOST must be an IP address (127.0.0.1, 0.0.0.0, ::)' }).default('127.0.0.1'),
  AUDIT_DATABASE_URL: z.string().startsWith('postgres'),
  /** the identity service: its JWKS verifies callers' access tokens */
  AUDIT_IDENTITY_URL: z.url(),
  /** reconciliation reads the chain through the ledger service … */
  AUDIT_LEDGER_URL: z.url(),
  /** … files and IPFS through the storage service, and grants from the access-policy service */
  AUDIT_STORAGE_URL: z.url(),
  AUDIT_ACCESS_POLICY_URL: z.url(),
  /** how often the whole platform is reconciled; 0 turns the schedule off (on demand still works) */
  AUDIT_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
});

export type AuditConfig = z.infer<typeof schema> & {
  /** its own Kafka principal (SASL/SCRAM over TLS), from AUDIT_KAFKA_BROKERS, _USERNAME, _PASSWORD and _CA_FILE */
  kafka: KafkaConnection;
  /** its own key (service tokens, attestations) and everyone's public keys, from AUDIT_SERVICE_KEY_FILE and _SERVICE_KEYS_FILE */
  auth: ServiceAuth;
};
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

/** Validates the environment once at boot: a bad setting stops the service with a sentence that names it. */
export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`audit service configuration is invalid:\n${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, kafka: kafkaConnectionFromEnv('AUDIT', env), auth: serviceAuthFromEnv('AUDIT', 'audit', env) };
}

import { kafkaConnectionFromEnv, type KafkaConnection } from '@gridledger/kafka-client';
import { z } from 'zod';

const schema = z.object({
  ACCESS_POLICY_PORT: z.coerce.number().int().min(0).max(65535).default(13004),
  ACCESS_POLICY_DATABASE_URL: z.string().startsWith('postgres'),
  /** the identity service: its JWKS verifies users' access tokens */
  ACCESS_POLICY_IDENTITY_URL: z.url(),
  /** the ledger service's query API */
  ACCESS_POLICY_LEDGER_URL: z.url(),
  /** the platform's service credential, for the ledger's query API and this service's operator endpoints */
  ACCESS_POLICY_SERVICE_TOKEN: z.string().min(32, 'ACCESS_POLICY_SERVICE_TOKEN must be the platform service token (32 characters or more)'),
  /** how often grants past their end and requests past their TTL are expired on chain; 0 turns it off */
  ACCESS_POLICY_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
});

export type AccessPolicyConfig = z.infer<typeof schema> & {
  /** its own Kafka principal (SASL/SCRAM over TLS), from ACCESS_POLICY_KAFKA_BROKERS, _USERNAME, _PASSWORD and _CA_FILE */
  kafka: KafkaConnection;
};
export const ACCESS_POLICY_CONFIG = Symbol('ACCESS_POLICY_CONFIG');

/** Validates the environment once at boot: a bad setting stops the service with a sentence that names it. */
export function loadAccessPolicyConfig(env: NodeJS.ProcessEnv = process.env): AccessPolicyConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`access-policy service configuration is invalid:\n${z.prettifyError(parsed.error).replace(/ACCESS_POLICY_SERVICE_TOKEN.*$/m, 'ACCESS_POLICY_SERVICE_TOKEN is missing or too short')}`);
  return { ...parsed.data, kafka: kafkaConnectionFromEnv('ACCESS_POLICY', env) };
}

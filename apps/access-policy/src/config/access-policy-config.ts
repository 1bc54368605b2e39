import { kafkaConnectionFromEnv, type KafkaConnection } from '@gridledger/kafka-client';
import { serviceAuthFromEnv, type ServiceAuth } from '@gridledger/service-auth';
import { z } from 'zod';
import { parseCidrs } from '../webhooks/address-policy.ts';

const schema = z.object({
  ACCESS_POLICY_PORT: z.coerce.number().int().min(0).max(65535).default(13004),
  /** the address to listen on: loopback unless a container or pod must be reached from outside it */
  ACCESS_POLICY_HOST: z.union([z.ipv4(), z.ipv6()], { error: 'ACCESS_POLICY_HOST must be an IP address (127.0.0.1, 0.0.0.0, ::)' }).default('127.0.0.1'),
  ACCESS_POLICY_DATABASE_URL: z.string().startsWith('postgres'),
  /** the identity service: its JWKS verifies users' access tokens */
  ACCESS_POLICY_IDENTITY_URL: z.url(),
  /** the ledger service's query API */
  ACCESS_POLICY_LEDGER_URL: z.url(),
  /** the channel and chaincode the ledger serves: this service's attestations bind them */
  ACCESS_POLICY_LEDGER_CHANNEL: z.string().min(1).default('gridledger'),
  ACCESS_POLICY_LEDGER_CHAINCODE: z.string().min(1).default('gridledger'),
  /** how often grants past their end and requests past their TTL are expired on chain; 0 turns it off */
  ACCESS_POLICY_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /** webhooks may use plain HTTP to, and reach, loopback addresses: the dev topology's receivers on this machine only */
  ACCESS_POLICY_WEBHOOK_ALLOW_LOOPBACK: z.stringbool().default(false),
  /** comma-separated CIDR ranges webhooks may reach although they are private or otherwise special (10.20.0.0/16,fd00:1::/64) */
  ACCESS_POLICY_WEBHOOK_ALLOWED_CIDRS: z.string().default('').transform((list) => list.split(',').map((entry) => entry.trim()).filter(Boolean)).refine(validCidrs, { error: 'ACCESS_POLICY_WEBHOOK_ALLOWED_CIDRS must be CIDR ranges separated by commas (10.20.0.0/16,fd00:1::/64)' }),
  /** attempts in all before a delivery is dead-lettered */
  ACCESS_POLICY_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** the wait after the first failed attempt, doubling after each further one up to the cap */
  ACCESS_POLICY_WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  ACCESS_POLICY_WEBHOOK_BACKOFF_CAP_MS: z.coerce.number().int().min(1).default(3_600_000),
  /** how long one delivery may take, connecting included, before it counts as failed */
  ACCESS_POLICY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** how often due deliveries are looked for */
  ACCESS_POLICY_WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
});

function validCidrs(list: string[]): boolean {
  try {
    parseCidrs(list);
    return true;
  } catch {
    return false;
  }
}

export type AccessPolicyConfig = z.infer<typeof schema> & {
  /** its own Kafka principal (SASL/SCRAM over TLS), from ACCESS_POLICY_KAFKA_BROKERS, _USERNAME, _PASSWORD and _CA_FILE */
  kafka: KafkaConnection;
  /** its own key (service tokens, attestations) and everyone's public keys, from ACCESS_POLICY_SERVICE_KEY_FILE and _SERVICE_KEYS_FILE */
  auth: ServiceAuth;
};
export const ACCESS_POLICY_CONFIG = Symbol('ACCESS_POLICY_CONFIG');

/** Validates the environment once at boot: a bad setting stops the service with a sentence that names it. */
export function loadAccessPolicyConfig(env: NodeJS.ProcessEnv = process.env): AccessPolicyConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`access-policy service configuration is invalid:\n${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, kafka: kafkaConnectionFromEnv('ACCESS_POLICY', env), auth: serviceAuthFromEnv('ACCESS_POLICY', 'access-policy', env) };
}

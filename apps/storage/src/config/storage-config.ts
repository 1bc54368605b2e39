import { kafkaConnectionFromEnv, type KafkaConnection } from '@gridledger/kafka-client';
import { serviceAuthFromEnv, type ServiceAuth } from '@gridledger/service-auth';
import { z } from 'zod';

const schema = z.object({
  STORAGE_PORT: z.coerce.number().int().min(0).max(65535).default(13003),
  /** the address to listen on: loopback unless a container or pod must be reached from outside it */
  STORAGE_HOST: z.union([z.ipv4(), z.ipv6()], { error: 'STORAGE_HOST must be an IP address (127.0.0.1, 0.0.0.0, ::)' }).default('127.0.0.1'),
  STORAGE_DATABASE_URL: z.string().startsWith('postgres'),
  /** Kubo's RPC API, e.g. http://127.0.0.1:15001 (this service is the only one that talks to it) */
  STORAGE_KUBO_API_URL: z.url(),
  /** how long an upload waits for an unreachable Kubo (restarting, say) before it is refused with 503 */
  STORAGE_KUBO_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  /** the identity service: its JWKS verifies users' access tokens */
  STORAGE_IDENTITY_URL: z.url(),
  /** the ledger service's query API (CheckAccess, GetAsset) */
  STORAGE_LEDGER_URL: z.url(),
  /** the channel and chaincode the ledger serves: this service's attestations bind them */
  STORAGE_LEDGER_CHANNEL: z.string().min(1).default('gridledger'),
  STORAGE_LEDGER_CHAINCODE: z.string().min(1).default('gridledger'),
  /** key-encryption master keys, "kid:base64(32 bytes)[,kid:base64…]": the first wraps, all unwrap */
  STORAGE_MASTER_KEYS: z.string().min(1),
  /** uploads above this many bytes are refused with 413 while they stream */
  STORAGE_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).default(4 * 1024 ** 3),
  /** uploads one user may have streaming at once; the next is a 429 */
  STORAGE_UPLOADS_IN_FLIGHT_PER_USER: z.coerce.number().int().min(1).max(1000).default(3),
  /** key releases of one asset to one consumer (one grant) a minute; the next is a 429 */
  STORAGE_KEY_RELEASES_PER_GRANT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** how long a download may be resumed with Range on its ticket; an unfinished one that served bytes is charged when this runs out */
  STORAGE_DOWNLOAD_TICKET_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** how often expired download tickets are settled */
  STORAGE_DOWNLOAD_TICKET_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
});

export type StorageConfig = z.infer<typeof schema> & {
  /** its own Kafka principal (SASL/SCRAM over TLS), from STORAGE_KAFKA_BROKERS, _USERNAME, _PASSWORD and _CA_FILE */
  kafka: KafkaConnection;
  /** its own key (service tokens, attestations) and everyone's public keys, from STORAGE_SERVICE_KEY_FILE and _SERVICE_KEYS_FILE */
  auth: ServiceAuth;
};
export const STORAGE_CONFIG = Symbol('STORAGE_CONFIG');

/** Validates the environment once at boot: a bad setting stops the service with a sentence that names it. */
export function loadStorageConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`storage service configuration is invalid:\n${z.prettifyError(parsed.error).replace(/STORAGE_MASTER_KEYS.*$/m, 'STORAGE_MASTER_KEYS is missing or invalid')}`);
  return { ...parsed.data, kafka: kafkaConnectionFromEnv('STORAGE', env), auth: serviceAuthFromEnv('STORAGE', 'storage', env) };
}

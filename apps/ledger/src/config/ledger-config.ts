import { kafkaConnectionFromEnv, type KafkaConnection } from '@gridledger/kafka-client';
import { serviceAuthFromEnv, type ServiceAuth } from '@gridledger/service-auth';
import { z } from 'zod';

const schema = z.object({
  LEDGER_PORT: z.coerce.number().int().min(0).max(65535).default(13002),
  LEDGER_DATABASE_URL: z.string().startsWith('postgres'),
  LEDGER_CHANNEL: z.string().default('gridledger'),
  LEDGER_CHAINCODE: z.string().default('gridledger'),
  /** JSON file: every organisation's peer and the service identity the ledger signs system actions with there */
  LEDGER_ORGANIZATIONS_FILE: z.string().min(1),
  /** the organisation whose peer the chain-event relay listens to */
  LEDGER_LISTEN_MSP_ID: z.string().min(1),
  LEDGER_IDENTITY_URL: z.url(),
  /** commands in flight at once: each waits about one block for its commit, so this bounds throughput */
  LEDGER_COMMAND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
});

export type LedgerConfig = z.infer<typeof schema> & {
  /** its own Kafka principal (SASL/SCRAM over TLS), from LEDGER_KAFKA_BROKERS, _USERNAME, _PASSWORD and _CA_FILE */
  kafka: KafkaConnection;
  /** its own key (service tokens, attestations) and everyone's public keys, from LEDGER_SERVICE_KEY_FILE and _SERVICE_KEYS_FILE */
  auth: ServiceAuth;
};
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

/** Validates the environment once at boot: a bad setting stops the service with a sentence that names it. */
export function loadLedgerConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`ledger service configuration is invalid:\n${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, kafka: kafkaConnectionFromEnv('LEDGER', env), auth: serviceAuthFromEnv('LEDGER', 'ledger', env) };
}

import { kafkaConnectionFromEnv, type KafkaConnection } from '@gridledger/kafka-client';
import { serviceAuthFromEnv, type ServiceAuth } from '@gridledger/service-auth';
import { z } from 'zod';

const schema = z.object({
  LEDGER_PORT: z.coerce.number().int().min(0).max(65535).default(13002),
  /** the address to listen on: loopback unless a container or pod must be reached from outside it */
  LEDGER_HOST: z.union([z.ipv4(), z.ipv6()], { error: 'LEDGER_HOST must be an IP address (127.0.0.1, 0.0.0.0, ::)' }).default('127.0.0.1'),
  LEDGER_DATABASE_URL: z.string().startsWith('postgres'),
  LEDGER_CHANNEL: z.string().default('gridledger'),
  LEDGER_CHAINCODE: z.string().default('gridledger'),
  /** JSON file: every organisation's peer and the service identity the ledger signs system actions with there */
  LEDGER_ORGANIZATIONS_FILE: z.string().min(1),
  /** the organisation whose peer the chain-event relay listens to */
  LEDGER_LISTEN_MSP_ID: z.string().min(1),
  LEDGER_IDENTITY_URL: z.url(),
  /**
   * commands driven at once. Each mostly waits (endorsement, a block, the identity service), so
   * throughput is about this / latency: 400 covers ~200 tx/s at 2 s per command with room to spare,
   * while memory per command in flight is a few KB
   */
  LEDGER_COMMANDS_IN_FLIGHT: z.coerce.number().int().min(1).max(5_000).default(400),
  /** how long a command may wait out an unreachable peer, orderer or identity service before it is answered DEADLINE_EXCEEDED */
  LEDGER_COMMAND_DEADLINE_MS: z.coerce.number().int().min(1_000).default(120_000),
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

import { z } from 'zod';

const schema = z.object({
  LEDGER_PORT: z.coerce.number().int().min(0).max(65535).default(13002),
  LEDGER_DATABASE_URL: z.string().startsWith('postgres'),
  LEDGER_CHANNEL: z.string().default('gridledger'),
  LEDGER_CHAINCODE: z.string().default('gridledger'),
  /** the organisation whose peer the ledger listens to, and the service identity it listens as */
  LEDGER_MSP_ID: z.string().min(1),
  LEDGER_PEER_ENDPOINT: z.string().regex(/^[\w.-]+:\d+$/, 'LEDGER_PEER_ENDPOINT must be host:port'),
  LEDGER_PEER_HOST_ALIAS: z.string().min(1),
  LEDGER_PEER_TLS_ROOT_CERT: z.string().min(1),
  LEDGER_IDENTITY_CERT: z.string().min(1),
  LEDGER_IDENTITY_KEY: z.string().min(1),
  LEDGER_KAFKA_BROKERS: z.string().regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'LEDGER_KAFKA_BROKERS must be host:port[,host:port…]').default('127.0.0.1:19092'),
});

export type LedgerConfig = z.infer<typeof schema>;
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

/** Validates the environment once at boot: a bad setting stops the service with a sentence that names it. */
export function loadLedgerConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`ledger service configuration is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

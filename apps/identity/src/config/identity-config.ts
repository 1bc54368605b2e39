import { readFileSync } from 'node:fs';
import { loadServiceCredential, loadServiceKeyRegistry, type ServiceCredential, type ServiceKeyRegistry } from '@gridledger/service-auth';
import { kafkaConnectionFromEnv, type KafkaConnection } from '@gridledger/kafka-client';
import { z } from 'zod';

const masterKeys = z
  .string()
  .min(1)
  .transform((raw, ctx) => {
    // "kid:base64key,kid:base64key": the first wraps new secrets, the rest still unwrap old ones
    const keys = raw.split(',').map((entry) => {
      const [kid, material] = entry.trim().split(':');
      const key = Buffer.from(material ?? '', 'base64');
      if (!kid || key.length !== 32) ctx.addIssue({ code: 'custom', message: 'each master key must be "<kid>:<base64 of 32 bytes>"' });
      return { kid: kid ?? '', key };
    });
    return keys;
  });

const organization = z.object({ mspId: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]*$/), name: z.string().min(1).max(200) });
const bootstrapAdmin = z.object({
  mspId: z.string(),
  username: z.string().min(3).max(64),
  email: z.email(),
  password: z.string().min(12),
});
const fabricOrg = z.object({
  mspId: z.string(),
  ca: z.object({
    url: z.url(),
    caName: z.string(),
    tlsRootCertPath: z.string(),
    registrar: z.object({ enrollmentId: z.string(), secret: z.string() }),
  }),
});

const schema = z.object({
  IDENTITY_PORT: z.coerce.number().int().min(0).max(65535).default(13001),
  /** the address to listen on: loopback unless a container or pod must be reached from outside it */
  IDENTITY_HOST: z.union([z.ipv4(), z.ipv6()], { error: 'IDENTITY_HOST must be an IP address (127.0.0.1, 0.0.0.0, ::)' }).default('127.0.0.1'),
  IDENTITY_DATABASE_URL: z.string().startsWith('postgres'),
  IDENTITY_MASTER_KEYS: masterKeys,
  IDENTITY_SERVICE_KEYS_FILE: z.string({ error: 'IDENTITY_SERVICE_KEYS_FILE must name the registry of the services\' public keys (JSON)' }).min(1, 'IDENTITY_SERVICE_KEYS_FILE must name the registry of the services\' public keys (JSON)'),
  IDENTITY_SERVICE_KEY_FILE: z.string({ error: 'IDENTITY_SERVICE_KEY_FILE must name this service\'s own private key file (PKCS#8 PEM)' }).min(1, 'IDENTITY_SERVICE_KEY_FILE must name this service\'s own private key file (PKCS#8 PEM)'),
  IDENTITY_JWT_ISSUER: z.string().default('gridledger-identity'),
  IDENTITY_JWT_AUDIENCE: z.string().default('gridledger'),
  IDENTITY_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  IDENTITY_REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(30 * 86400).default(7 * 86400),
  IDENTITY_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** sign-in attempts a minute for one account, and from one client address (the entry passes the browser's on) */
  IDENTITY_SIGNIN_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  IDENTITY_SIGNIN_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(300),
  IDENTITY_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  /** how long a command's attestation, received while valid, stays good for signing that command: its time in the ledger's backlog */
  IDENTITY_ATTESTATION_RECEIPT_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  IDENTITY_BOOTSTRAP_FILE: z.string().min(1),
  IDENTITY_FABRIC_ORGS_FILE: z.string().min(1),
});

export interface IdentityConfig {
  port: number;
  /** the address it listens on (IDENTITY_HOST) */
  host: string;
  databaseUrl: string;
  /** its own Kafka principal (SASL/SCRAM over TLS), from IDENTITY_KAFKA_BROKERS, _USERNAME, _PASSWORD and _CA_FILE */
  kafka: KafkaConnection;
  masterKeys: { kid: string; key: Buffer }[];
  /** everyone's public keys: who calls the internal API, and who attested a command */
  serviceKeys: ServiceKeyRegistry;
  /** this service's own key, for calls it makes to other services */
  serviceCredential: ServiceCredential;
  jwt: { issuer: string; audience: string; accessTtlSeconds: number; refreshTtlSeconds: number };
  login: { maxFailures: number; lockoutSeconds: number; perAccountPerMinute: number; perAddressPerMinute: number };
  /** IDENTITY_ATTESTATION_RECEIPT_SECONDS */
  attestationReceiptSeconds: number;
  bootstrap: { organizations: z.infer<typeof organization>[]; admins: z.infer<typeof bootstrapAdmin>[] };
  fabricOrganizations: z.infer<typeof fabricOrg>[];
}

export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

export type ReadTextFile = (path: string) => string;
const readText: ReadTextFile = (path) => readFileSync(path, 'utf8');

function readJsonFile<T>(read: ReadTextFile, path: string, what: string, parse: (value: unknown) => T): T {
  let raw: string;
  try {
    raw = read(path);
  } catch {
    throw new Error(`${what} file ${path} cannot be read`);
  }
  try {
    return parse(JSON.parse(raw));
  } catch (error) {
    throw new Error(`${what} file ${path} is invalid: ${error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message}`);
  }
}

/**
 * The registry and this service's own key, both read at boot so a missing or wrong file stops the
 * boot with the sentence that names it; the key must be the one the registry holds for identity.
 */
function loadServiceKeys(registryFile: string, keyFile: string, read: ReadTextFile): Pick<IdentityConfig, 'serviceKeys' | 'serviceCredential'> {
  const named = <T>(variable: string, load: () => T): T => {
    try {
      return load();
    } catch (error) {
      throw new Error(`${variable}: ${(error as Error).message}`);
    }
  };
  const serviceKeys = named('IDENTITY_SERVICE_KEYS_FILE', () => loadServiceKeyRegistry(registryFile, read));
  const serviceCredential = named('IDENTITY_SERVICE_KEY_FILE', () => loadServiceCredential('identity', keyFile, read));
  const registered = serviceKeys.publicKey('identity');
  if (registered && !registered.equals(serviceCredential.publicKey())) {
    throw new Error(`IDENTITY_SERVICE_KEY_FILE: the key in ${keyFile} is not the one ${registryFile} holds for identity.`);
  }
  return { serviceKeys, serviceCredential };
}

/** Validates the environment once at boot: a bad setting stops the service with a sentence that names it. */
export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env, read: ReadTextFile = readText): IdentityConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`identity service configuration is invalid:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    port: e.IDENTITY_PORT,
    host: e.IDENTITY_HOST,
    databaseUrl: e.IDENTITY_DATABASE_URL,
    kafka: kafkaConnectionFromEnv('IDENTITY', env, read),
    masterKeys: e.IDENTITY_MASTER_KEYS,
    ...loadServiceKeys(e.IDENTITY_SERVICE_KEYS_FILE, e.IDENTITY_SERVICE_KEY_FILE, read),
    jwt: { issuer: e.IDENTITY_JWT_ISSUER, audience: e.IDENTITY_JWT_AUDIENCE, accessTtlSeconds: e.IDENTITY_ACCESS_TOKEN_TTL_SECONDS, refreshTtlSeconds: e.IDENTITY_REFRESH_TOKEN_TTL_SECONDS },
    login: { maxFailures: e.IDENTITY_LOGIN_MAX_FAILURES, lockoutSeconds: e.IDENTITY_LOCKOUT_SECONDS, perAccountPerMinute: e.IDENTITY_SIGNIN_PER_ACCOUNT_PER_MINUTE, perAddressPerMinute: e.IDENTITY_SIGNIN_PER_ADDRESS_PER_MINUTE },
    attestationReceiptSeconds: e.IDENTITY_ATTESTATION_RECEIPT_SECONDS,
    bootstrap: readJsonFile(read, e.IDENTITY_BOOTSTRAP_FILE, 'bootstrap', (v) => z.object({ organizations: z.array(organization).min(1), admins: z.array(bootstrapAdmin) }).parse(v)),
    fabricOrganizations: readJsonFile(read, e.IDENTITY_FABRIC_ORGS_FILE, 'Fabric organisations', (v) => z.array(fabricOrg).min(1).parse(v)),
  };
}

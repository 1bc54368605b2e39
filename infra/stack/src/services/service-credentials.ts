import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CREDENTIAL_HOLDERS, type CredentialHolder, kafkaBrokers, type KafkaServicePrincipal, readKafkaCredentials, serviceKeyFiles, stackCaFiles } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { STACK_CONSUMER_SESSION_TIMEOUT_MS } from '../components/kafka.ts';

/** Generates what is missing: one key pair per holder (private keys mode 0600) and the registry of their public keys. */
export function ensureServiceKeys(config: StackConfig): void {
  const files = serviceKeyFiles(config);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  const registry: Record<string, JsonWebKey> = existsSync(files.registry) ? (JSON.parse(readFileSync(files.registry, 'utf8')) as Record<string, JsonWebKey>) : {};
  let changed = false;
  for (const holder of CREDENTIAL_HOLDERS) {
    if (existsSync(files.privateKey(holder)) && registry[holder]) continue;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(files.privateKey(holder), privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    chmodSync(files.privateKey(holder), 0o600);
    registry[holder] = publicKey.export({ format: 'jwk' });
    changed = true;
  }
  // public keys only, but no reason for anyone else on the machine to read it either
  if (changed || !existsSync(files.registry)) writeFileSync(files.registry, JSON.stringify(registry, null, 2), { mode: 0o600 });
}

/** A service's own key and the registry of everyone's public keys, as `<PREFIX>_SERVICE_KEY_FILE` and `<PREFIX>_SERVICE_KEYS_FILE`. */
export function serviceKeyEnv(config: StackConfig, prefix: string, holder: CredentialHolder): Record<string, string> {
  ensureServiceKeys(config);
  const files = serviceKeyFiles(config);
  return { [`${prefix}_SERVICE_KEY_FILE`]: files.privateKey(holder), [`${prefix}_SERVICE_KEYS_FILE`]: files.registry };
}

/**
 * A service's own Kafka principal: `<PREFIX>_KAFKA_BROKERS`, `_USERNAME`, `_PASSWORD`, `_CA_FILE`;
 * and its consumers' session timeout, 4 s, which the stack's brokers accept (see components/kafka.ts).
 */
export function serviceKafkaEnv(config: StackConfig, prefix: string, principal: KafkaServicePrincipal): Record<string, string> {
  return {
    [`${prefix}_KAFKA_BROKERS`]: kafkaBrokers(config).join(','),
    [`${prefix}_KAFKA_USERNAME`]: principal,
    [`${prefix}_KAFKA_PASSWORD`]: readKafkaCredentials(config).services[principal],
    [`${prefix}_KAFKA_CA_FILE`]: stackCaFiles(config).caCert,
    GRIDLEDGER_KAFKA_SESSION_TIMEOUT_MS: String(STACK_CONSUMER_SESSION_TIMEOUT_MS),
  };
}

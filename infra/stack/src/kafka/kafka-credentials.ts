import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_ADMIN_PRINCIPAL, KAFKA_BROKER_PRINCIPAL, KAFKA_SERVICE_PRINCIPALS, kafkaBrokers, type KafkaCredentials, kafkaCredentialsFile, type KafkaServicePrincipal, readKafkaCredentials, stackCaFiles } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';

/** What a Kafka client needs: the brokers, its SCRAM-SHA-512 user and password, and the CA to trust. */
export interface KafkaClientCredentials {
  brokers: string[];
  username: string;
  password: string;
  caFile: string;
}


// base64url: no character that needs quoting in a JAAS line or a SCRAM config
const secret = () => randomBytes(24).toString('base64url');

/** Reads the credentials, creating any that are missing (first start, or a service added since). */
export function ensureKafkaCredentials(config: StackConfig): KafkaCredentials {
  const file = kafkaCredentialsFile(config);
  mkdirSync(join(config.paths.data, 'kafka'), { recursive: true });
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<KafkaCredentials>) : {};
  const services = { ...stored.services } as Partial<Record<KafkaServicePrincipal, string>>;
  for (const name of KAFKA_SERVICE_PRINCIPALS) services[name] ??= secret();
  const credentials: KafkaCredentials = {
    admin: stored.admin ?? secret(),
    broker: stored.broker ?? secret(),
    services: services as Record<KafkaServicePrincipal, string>,
    readers: stored.readers ?? {},
  };
  saveKafkaCredentials(config, credentials);
  return credentials;
}

export function saveKafkaCredentials(config: StackConfig, credentials: KafkaCredentials): void {
  const file = kafkaCredentialsFile(config);
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
}

const clientCredentials = (config: StackConfig, username: string, password: string): KafkaClientCredentials => ({
  brokers: kafkaBrokers(config),
  username,
  password,
  caFile: stackCaFiles(config).caCert,
});

export const serviceKafkaCredentials = (config: StackConfig, service: KafkaServicePrincipal) => clientCredentials(config, service, readKafkaCredentials(config).services[service]);
export const adminKafkaCredentials = (config: StackConfig) => clientCredentials(config, KAFKA_ADMIN_PRINCIPAL, readKafkaCredentials(config).admin);
export const brokerPrincipalPassword = (config: StackConfig) => readKafkaCredentials(config).broker;

/** Every SCRAM user the broker knows from its first format: itself, the operator and the services. */
export function scramUsers(credentials: KafkaCredentials): [string, string][] {
  return [
    [KAFKA_BROKER_PRINCIPAL, credentials.broker],
    [KAFKA_ADMIN_PRINCIPAL, credentials.admin],
    ...Object.entries(credentials.services),
    ...Object.entries(credentials.readers).map(([name, reader]): [string, string] => [name, reader.password]),
  ];
}

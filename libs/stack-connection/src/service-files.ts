import { join } from 'node:path';
import type { ConnectionConfig } from './connection-config.ts';

/**
 * Who holds an internal-API credential: every service (each its own ES256 key, with which it
 * signs short-lived service tokens and attestations), and `operator`, for the stack's commands
 * and tests. The public entry holds none: it forwards the user's own access token.
 */
export const CREDENTIAL_HOLDERS = ['identity', 'ledger', 'storage', 'access-policy', 'audit', 'operator'] as const;
export type CredentialHolder = (typeof CREDENTIAL_HOLDERS)[number];

/** Each holder's private key and the registry of everyone's public keys. */
export const serviceKeyFiles = (config: ConnectionConfig) => {
  const dir = join(config.paths.data, 'services', 'keys');
  return { dir, registry: join(dir, 'registry.json'), privateKey: (holder: CredentialHolder) => join(dir, `${holder}.pem`) };
};

/** The identity service's master keys, its first admins and the organisations it knows. */
export const identityFiles = (config: ConnectionConfig) => {
  const dir = join(config.paths.data, 'services', 'identity');
  return { dir, secrets: join(dir, 'secrets.json'), bootstrap: join(dir, 'bootstrap-admins.json'), fabricOrgs: join(dir, 'fabric-organizations.json') };
};

/**
 * The stack's own certificate authority (the TLS of Kafka and the public entry's HTTPS). Its key
 * never leaves `data/tls`.
 */
export const stackCaFiles = (config: ConnectionConfig) => {
  const dir = join(config.paths.data, 'tls');
  return { dir, caCert: join(dir, 'ca.pem'), caKey: join(dir, 'ca-key.pem') };
};

/** The public entry's HTTPS certificate and key, issued by the stack's CA. */
export const entryCertificateFiles = (config: ConnectionConfig) => {
  const base = join(stackCaFiles(config).dir, 'web-entry');
  return { cert: `${base}.pem`, key: `${base}-key.pem`, ca: stackCaFiles(config).caCert };
};

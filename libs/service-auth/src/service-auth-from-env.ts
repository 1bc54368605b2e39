import { loadServiceCredential, type ServiceCredential } from './service-credential.ts';
import { loadServiceKeyRegistry, type ServiceKeyRegistry } from './service-key-registry.ts';
import type { ServiceName } from './service-names.ts';

/** A service's own credential and everyone's public keys. */
export interface ServiceAuth {
  credential: ServiceCredential;
  registry: ServiceKeyRegistry;
}

/**
 * Reads `<PREFIX>_SERVICE_KEY_FILE` (the service's own private key) and `<PREFIX>_SERVICE_KEYS_FILE`
 * (the registry) at boot: a missing one stops the service with one sentence that names it.
 */
export function serviceAuthFromEnv(prefix: string, name: ServiceName, env: NodeJS.ProcessEnv = process.env): ServiceAuth {
  const keyFile = env[`${prefix}_SERVICE_KEY_FILE`];
  if (!keyFile) throw new Error(`${prefix}_SERVICE_KEY_FILE is missing: the ${name} service's own private key, with which it proves who it is to the other services.`);
  const registryFile = env[`${prefix}_SERVICE_KEYS_FILE`];
  if (!registryFile) throw new Error(`${prefix}_SERVICE_KEYS_FILE is missing: the registry of the services' public keys.`);
  return { credential: loadServiceCredential(name, keyFile), registry: loadServiceKeyRegistry(registryFile) };
}

import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFailure, readTextFile, type ReadTextFile } from './read-text-file.ts';
import { isP256 } from './service-key-pair.ts';
import { isPrincipalName, PRINCIPAL_NAMES, type PrincipalName } from './service-names.ts';

/**
 * Everyone's public key, by name: the one place a service token's or an attestation's issuer is
 * looked up. Keys come only from here, never from a token's own headers (`jwk`, `jku`, `kid`).
 */
export class ServiceKeyRegistry {
  private readonly keys: ReadonlyMap<PrincipalName, KeyObject>;

  private constructor(keys: ReadonlyMap<PrincipalName, KeyObject>) {
    this.keys = keys;
  }

  /**
   * From `{ "<name>": <public JWK>, … }`. `source` names where it came from in error sentences.
   * Refuses unknown names, keys that are not EC P-256 and any key with a private part.
   */
  static fromJwks(jwks: unknown, source = 'The service key registry'): ServiceKeyRegistry {
    if (typeof jwks !== 'object' || jwks === null || Array.isArray(jwks)) throw new Error(`${source} must be a JSON object of public keys by service name.`);
    const keys = new Map<PrincipalName, KeyObject>();
    for (const [name, jwk] of Object.entries(jwks)) {
      if (!isPrincipalName(name)) throw new Error(`${source} names "${name.slice(0, 40)}", which is none of ${PRINCIPAL_NAMES.join(', ')}.`);
      if (typeof jwk !== 'object' || jwk === null) throw new Error(`${source} holds no JWK for ${name}.`);
      // a private part here means private keys were copied where every service reads them
      if ('d' in jwk) throw new Error(`${source} holds a private key for ${name}; it must hold public keys only.`);
      let key: KeyObject;
      try {
        key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
      } catch {
        throw new Error(`${source} holds an unreadable JWK for ${name}.`);
      }
      if (!isP256(key)) throw new Error(`${source} holds a key for ${name} that is not an EC P-256 key.`);
      keys.set(name, key);
    }
    return new ServiceKeyRegistry(keys);
  }

  /** The public key of a service or the operator; undefined when the registry has none. */
  publicKey(name: PrincipalName): KeyObject | undefined {
    return this.keys.get(name);
  }

  /** The names the registry holds keys for. */
  names(): PrincipalName[] {
    return [...this.keys.keys()];
  }
}

/** Reads the registry file; a missing, unreadable or invalid file is an Error with one sentence naming it. */
export function loadServiceKeyRegistry(file: string, read: ReadTextFile = readTextFile): ServiceKeyRegistry {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    throw new Error(`The service key registry ${file} cannot be read (${readFailure(error)}).`);
  }
  let jwks: unknown;
  try {
    jwks = JSON.parse(text);
  } catch {
    throw new Error(`The service key registry ${file} is not JSON.`);
  }
  return ServiceKeyRegistry.fromJwks(jwks, `The service key registry ${file}`);
}

import { randomBytes } from 'node:crypto';
import { generateServiceKeyPair } from '@gridledger/service-auth';
import { describe, expect, it } from 'vitest';
import { loadIdentityConfig } from './identity-config.ts';

const bootstrap = '/config/bootstrap.json';
const orgs = '/config/orgs.json';
const registry = '/keys/registry.json';
const identityKey = '/keys/identity.pem';
const identity = generateServiceKeyPair();
const ledger = generateServiceKeyPair();
// an in-memory file system: unit tests do no I/O
const files: Record<string, string> = {
  [bootstrap]: JSON.stringify({ organizations: [{ mspId: 'GridMSP', name: 'Grid' }], admins: [{ mspId: 'GridMSP', username: 'admin', email: 'a@b.example', password: 'Long-Enough-123' }] }),
  [orgs]: JSON.stringify([{ mspId: 'GridMSP', ca: { url: 'https://127.0.0.1:17054', caName: 'ca-grid', tlsRootCertPath: '/x.pem', registrar: { enrollmentId: 'registrar', secret: 's' } } }]),
  [registry]: JSON.stringify({ identity: identity.publicJwk, ledger: ledger.publicJwk }),
  [identityKey]: identity.privateKeyPem,
  '/keys/ledger.pem': ledger.privateKeyPem,
  '/tls/ca.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
};
const read = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};
const load = (environment: NodeJS.ProcessEnv) => loadIdentityConfig(environment, read);

const env = {
  IDENTITY_DATABASE_URL: 'postgresql://u:p@127.0.0.1:15432/identity',
  IDENTITY_MASTER_KEYS: `k2:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`,
  IDENTITY_SERVICE_KEYS_FILE: registry,
  IDENTITY_SERVICE_KEY_FILE: identityKey,
  IDENTITY_BOOTSTRAP_FILE: bootstrap,
  IDENTITY_FABRIC_ORGS_FILE: orgs,
  IDENTITY_KAFKA_BROKERS: '127.0.0.1:19092',
  IDENTITY_KAFKA_USERNAME: 'identity',
  IDENTITY_KAFKA_PASSWORD: 'kafka-secret',
  IDENTITY_KAFKA_CA_FILE: '/tls/ca.pem',
};

describe('identity configuration', () => {
  it('reads a valid environment into a typed config with defaults', () => {
    const config = load(env);
    expect(config.port).toBe(13001);
    expect(config.host).toBe('127.0.0.1');
    expect(config.masterKeys.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(config.kafka).toMatchObject({ brokers: ['127.0.0.1:19092'], username: 'identity' });
    expect(config.jwt).toMatchObject({ issuer: 'gridledger-identity', audience: 'gridledger', accessTtlSeconds: 900 });
    expect(config.bootstrap.admins[0]?.username).toBe('admin');
    expect(config.serviceKeys.names()).toEqual(['identity', 'ledger']);
    expect(config.serviceCredential.name).toBe('identity');
  });

  it('stops the boot with a sentence that names the bad setting', () => {
    expect(() => load({ ...env, IDENTITY_MASTER_KEYS: 'k1:tooshort' })).toThrow(/IDENTITY_MASTER_KEYS/);
    expect(() => load({ ...env, IDENTITY_DATABASE_URL: undefined })).toThrow(/IDENTITY_DATABASE_URL/);
    expect(() => load({ ...env, IDENTITY_BOOTSTRAP_FILE: '/config/missing.json' })).toThrow(/bootstrap file .* cannot be read/);
    expect(() => load({ ...env, IDENTITY_HOST: 'everywhere' })).toThrow(/IDENTITY_HOST must be an IP address/);
  });

  it('listens where IDENTITY_HOST says, for a container or a pod', () => {
    expect(load({ ...env, IDENTITY_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(load({ ...env, IDENTITY_HOST: '::' }).host).toBe('::');
  });

  it('needs the service key registry and its own key: a missing or wrong one stops the boot with a sentence naming it', () => {
    expect(() => load({ ...env, IDENTITY_SERVICE_KEYS_FILE: undefined })).toThrow(/IDENTITY_SERVICE_KEYS_FILE must name the registry/);
    expect(() => load({ ...env, IDENTITY_SERVICE_KEY_FILE: undefined })).toThrow(/IDENTITY_SERVICE_KEY_FILE must name this service's own private key file/);
    expect(() => load({ ...env, IDENTITY_SERVICE_KEYS_FILE: '/keys/none.json' })).toThrow('IDENTITY_SERVICE_KEYS_FILE: The service key registry /keys/none.json cannot be read (ENOENT).');
    expect(() => load({ ...env, IDENTITY_SERVICE_KEY_FILE: '/keys/none.pem' })).toThrow('IDENTITY_SERVICE_KEY_FILE: The private key file /keys/none.pem of identity cannot be read (ENOENT).');
    expect(() => load({ ...env, IDENTITY_SERVICE_KEY_FILE: registry })).toThrow('IDENTITY_SERVICE_KEY_FILE: The private key file /keys/registry.json of identity does not hold an EC P-256 private key in PEM.');
    expect(() => load({ ...env, IDENTITY_SERVICE_KEY_FILE: '/keys/ledger.pem' })).toThrow('IDENTITY_SERVICE_KEY_FILE: the key in /keys/ledger.pem is not the one /keys/registry.json holds for identity.');
  });

  it('stops with one sentence when its Kafka principal is missing, never echoing a password', () => {
    expect(() => load({ ...env, IDENTITY_KAFKA_PASSWORD: undefined })).toThrow('IDENTITY_KAFKA_PASSWORD is missing');
    const error = (() => {
      try {
        load({ ...env, IDENTITY_KAFKA_CA_FILE: '/tls/none.pem' });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/IDENTITY_KAFKA_CA_FILE/);
    expect(error?.message).not.toContain('kafka-secret');
  });
});

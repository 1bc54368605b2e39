import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadIdentityConfig } from './identity-config.ts';

const bootstrap = '/config/bootstrap.json';
const orgs = '/config/orgs.json';
// an in-memory file system: unit tests do no I/O
const files: Record<string, string> = {
  [bootstrap]: JSON.stringify({ organizations: [{ mspId: 'GridMSP', name: 'Grid' }], admins: [{ mspId: 'GridMSP', username: 'admin', email: 'a@b.example', password: 'Long-Enough-123' }] }),
  [orgs]: JSON.stringify([{ mspId: 'GridMSP', ca: { url: 'https://127.0.0.1:17054', caName: 'ca-grid', tlsRootCertPath: '/x.pem', registrar: { enrollmentId: 'registrar', secret: 's' } } }]),
};
const read = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: ${path}`);
  return text;
};
const load = (environment: NodeJS.ProcessEnv) => loadIdentityConfig(environment, read);

const env = {
  IDENTITY_DATABASE_URL: 'postgresql://u:p@127.0.0.1:15432/identity',
  IDENTITY_MASTER_KEYS: `k2:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`,
  IDENTITY_SERVICE_TOKEN: 'x'.repeat(40),
  IDENTITY_BOOTSTRAP_FILE: bootstrap,
  IDENTITY_FABRIC_ORGS_FILE: orgs,
};

describe('identity configuration', () => {
  it('reads a valid environment into a typed config with defaults', () => {
    const config = load(env);
    expect(config.port).toBe(13001);
    expect(config.masterKeys.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(config.jwt).toMatchObject({ issuer: 'gridledger-identity', audience: 'gridledger', accessTtlSeconds: 900 });
    expect(config.bootstrap.admins[0]?.username).toBe('admin');
  });

  it('stops the boot with a sentence that names the bad setting', () => {
    expect(() => load({ ...env, IDENTITY_SERVICE_TOKEN: 'short' })).toThrow(/IDENTITY_SERVICE_TOKEN must be at least 32 characters/);
    expect(() => load({ ...env, IDENTITY_MASTER_KEYS: 'k1:tooshort' })).toThrow(/IDENTITY_MASTER_KEYS/);
    expect(() => load({ ...env, IDENTITY_DATABASE_URL: undefined })).toThrow(/IDENTITY_DATABASE_URL/);
    expect(() => load({ ...env, IDENTITY_BOOTSTRAP_FILE: '/config/missing.json' })).toThrow(/bootstrap file .* cannot be read/);
  });
});

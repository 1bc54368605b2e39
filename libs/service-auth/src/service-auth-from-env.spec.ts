import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceAuthFromEnv } from './service-auth-from-env.ts';
import { generateServiceKeyPair } from './service-key-pair.ts';

const dir = mkdtempSync(join(tmpdir(), 'service-auth-'));
const pair = generateServiceKeyPair();
writeFileSync(join(dir, 'storage.pem'), pair.privateKeyPem);
writeFileSync(join(dir, 'registry.json'), JSON.stringify({ storage: pair.publicJwk }));
const env = { STORAGE_SERVICE_KEY_FILE: join(dir, 'storage.pem'), STORAGE_SERVICE_KEYS_FILE: join(dir, 'registry.json') };

describe('serviceAuthFromEnv', () => {
  it("loads the service's own key and the registry", () => {
    const { credential, registry } = serviceAuthFromEnv('STORAGE', 'storage', env);
    expect(credential.name).toBe('storage');
    expect(registry.publicKey('storage')?.equals(credential.publicKey())).toBe(true);
  });

  it('stops the boot with one sentence that names the missing setting', () => {
    expect(() => serviceAuthFromEnv('STORAGE', 'storage', { ...env, STORAGE_SERVICE_KEY_FILE: undefined })).toThrow(/^STORAGE_SERVICE_KEY_FILE is missing: the storage service's own private key/);
    expect(() => serviceAuthFromEnv('STORAGE', 'storage', { ...env, STORAGE_SERVICE_KEYS_FILE: undefined })).toThrow(/^STORAGE_SERVICE_KEYS_FILE is missing/);
    expect(() => serviceAuthFromEnv('STORAGE', 'storage', { ...env, STORAGE_SERVICE_KEY_FILE: join(dir, 'none.pem') })).toThrow(/none\.pem of storage cannot be read/);
  });
});

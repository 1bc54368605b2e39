import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateServiceKeyPair } from './service-key-pair.ts';
import { loadServiceKeyRegistry, ServiceKeyRegistry } from './service-key-registry.ts';
import { isPrincipalName, isServiceName, PRINCIPAL_NAMES, SERVICE_NAMES } from './service-names.ts';

// an in-memory file system: unit tests do no I/O
const files: Record<string, string> = {};
const read = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

describe('service names', () => {
  it('are the six services, and the operator beside them', () => {
    expect(SERVICE_NAMES).toEqual(['identity', 'ledger', 'storage', 'access-policy', 'audit', 'web-entry']);
    expect(PRINCIPAL_NAMES).toEqual([...SERVICE_NAMES, 'operator']);
    expect(isServiceName('operator')).toBe(false);
    expect(isPrincipalName('operator')).toBe(true);
    expect(isPrincipalName('admin')).toBe(false);
  });
});

describe('service key registry', () => {
  const ledger = generateServiceKeyPair();
  const operator = generateServiceKeyPair();

  it('reads public JWKs by name from a file', () => {
    files['/keys/registry.json'] = JSON.stringify({ ledger: ledger.publicJwk, operator: operator.publicJwk });
    const registry = loadServiceKeyRegistry('/keys/registry.json', read);
    expect(registry.names().sort()).toEqual(['ledger', 'operator']);
    expect(registry.publicKey('ledger')?.export({ format: 'jwk' })).toMatchObject(ledger.publicJwk);
    expect(registry.publicKey('storage')).toBeUndefined();
  });

  it('accepts the JWKs node:crypto exports, as the stack writes them', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(ServiceKeyRegistry.fromJwks({ audit: publicKey.export({ format: 'jwk' }) }).publicKey('audit')).toBeDefined();
  });

  it('stops with one sentence naming the file when it is missing or not JSON', () => {
    expect(() => loadServiceKeyRegistry('/keys/missing.json', read)).toThrow('The service key registry /keys/missing.json cannot be read (ENOENT).');
    files['/keys/broken.json'] = '{ not json';
    expect(() => loadServiceKeyRegistry('/keys/broken.json', read)).toThrow('The service key registry /keys/broken.json is not JSON.');
  });

  it('refuses unknown names, private parts, other curves and non-objects', () => {
    const privateJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    expect(() => ServiceKeyRegistry.fromJwks({ ledgr: ledger.publicJwk })).toThrow(/names "ledgr", which is none of identity, ledger/);
    expect(() => ServiceKeyRegistry.fromJwks({ ledger: privateJwk })).toThrow('holds a private key for ledger; it must hold public keys only.');
    expect(() => ServiceKeyRegistry.fromJwks({ ledger: p384 })).toThrow('not an EC P-256 key');
    expect(() => ServiceKeyRegistry.fromJwks({ ledger: rsa })).toThrow('not an EC P-256 key');
    expect(() => ServiceKeyRegistry.fromJwks({ ledger: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' } })).toThrow('unreadable JWK for ledger');
    expect(() => ServiceKeyRegistry.fromJwks({ ledger: 'key' })).toThrow('holds no JWK for ledger');
    expect(() => ServiceKeyRegistry.fromJwks([ledger.publicJwk])).toThrow('must be a JSON object');
    files['/keys/wrong.json'] = JSON.stringify({ ledger: privateJwk });
    expect(() => loadServiceKeyRegistry('/keys/wrong.json', read)).toThrow('The service key registry /keys/wrong.json holds a private key for ledger');
  });
});

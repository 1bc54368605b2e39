import { describe, expect, it } from 'vitest';
import { FabricCaClient } from './fabric-ca-client.ts';
import { FabricCaError } from './fabric-ca-error.ts';

const roots = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function constructionError(options: ConstructorParameters<typeof FabricCaClient>[0]): FabricCaError {
  try {
    new FabricCaClient(options);
  } catch (error) {
    if (error instanceof FabricCaError) return error;
    throw error;
  }
  throw new Error('expected the constructor to throw');
}

describe('FabricCaClient options', () => {
  it('accepts an https URL with trusted roots', () => {
    expect(new FabricCaClient({ url: 'https://localhost:7054', tls: { trustedRootsPem: roots } })).toBeInstanceOf(FabricCaClient);
    expect(new FabricCaClient({ url: 'https://ca.example:7054/prefix/', caName: 'ca-grid', tls: { trustedRootsPem: roots }, timeoutMs: 500 })).toBeInstanceOf(
      FabricCaClient,
    );
  });

  it('refuses plain http, since TLS is always verified', () => {
    const error = constructionError({ url: 'http://localhost:7054', tls: { trustedRootsPem: roots } });
    expect(error.code).toBe('CA_INVALID_ARGUMENT');
    expect(error.message).toMatch(/must use https/);
  });

  it('refuses credentials in the URL without repeating them', () => {
    const error = constructionError({ url: 'https://admin:adminpw@localhost:7054', tls: { trustedRootsPem: roots } });
    expect(error.code).toBe('CA_INVALID_ARGUMENT');
    expect(error.message).not.toContain('adminpw');
  });

  it('refuses missing trusted roots and a non-positive timeout', () => {
    expect(constructionError({ url: 'https://localhost:7054', tls: { trustedRootsPem: '' } }).message).toMatch(/trustedRootsPem/);
    expect(constructionError({ url: 'https://localhost:7054', tls: { trustedRootsPem: roots }, timeoutMs: 0 }).message).toMatch(/timeoutMs/);
    expect(constructionError({ url: 'not a url', tls: { trustedRootsPem: roots } }).code).toBe('CA_INVALID_ARGUMENT');
  });

  it('refuses an enrollment ID that HTTP Basic auth would split, before sending anything', async () => {
    const client = new FabricCaClient({ url: 'https://localhost:1', tls: { trustedRootsPem: roots } });
    await expect(client.enroll('a:b', 'pw')).rejects.toMatchObject({ code: 'CA_INVALID_ARGUMENT' });
    await expect(client.enroll('', 'pw')).rejects.toMatchObject({ code: 'CA_INVALID_ARGUMENT' });
  });
});

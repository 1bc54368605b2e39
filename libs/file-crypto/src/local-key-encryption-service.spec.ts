import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDataKey } from './data-key.ts';
import { FileCryptoError } from './file-crypto-error.ts';
import type { EncryptionContext, KeyEncryptionService } from './key-encryption-service.ts';
import { LocalKeyEncryptionService } from './local-key-encryption-service.ts';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const config = (...entries: Array<[string, Buffer]>): string => entries.map(([id, key]) => `${id}:${key.toString('base64')}`).join(',');
const context: EncryptionContext = { assetId: 'asset-42' };

async function unwrapError(kms: KeyEncryptionService, owner: string, wrapped: string, ctx: EncryptionContext = context): Promise<FileCryptoError> {
  try {
    await kms.unwrapDataKey(owner, wrapped, ctx);
  } catch (error) {
    if (error instanceof FileCryptoError) return error;
    throw error;
  }
  throw new Error('unwrap succeeded but should have failed');
}

describe('LocalKeyEncryptionService', () => {
  const kms = LocalKeyEncryptionService.fromConfig(config(['k1', k1]));

  it('unwraps what it wrapped, into an opaque blob prefixed with provider and key version', async () => {
    const dataKey = generateDataKey();
    const wrapped = await kms.wrapDataKey('org-a', dataKey, context);
    expect(wrapped).toMatch(/^local:k1:[A-Za-z0-9+/]+=*$/);
    expect(wrapped).not.toContain(dataKey.toString('base64'));
    expect(Buffer.from(wrapped.split(':')[2] ?? '', 'base64').includes(dataKey)).toBe(false);
    expect(Buffer.from(await kms.unwrapDataKey('org-a', wrapped, context)).equals(dataKey)).toBe(true);
  });

  it('wraps the same key differently each time', async () => {
    const dataKey = generateDataKey();
    expect(await kms.wrapDataKey('org-a', dataKey, context)).not.toBe(await kms.wrapDataKey('org-a', dataKey, context));
  });

  it('treats the context as a set: key order does not matter', async () => {
    const dataKey = generateDataKey();
    const wrapped = await kms.wrapDataKey('org-a', dataKey, { assetId: 'a-1', cid: 'bafy' });
    expect(Buffer.from(await kms.unwrapDataKey('org-a', wrapped, { cid: 'bafy', assetId: 'a-1' })).equals(dataKey)).toBe(true);
  });

  it.each<[string, EncryptionContext]>([
    ['another asset id', { assetId: 'asset-43' }],
    ['an extra entry', { assetId: 'asset-42', keyVersion: '2' }],
    ['an empty context', {}],
    ['the same characters split differently between name and value', { assetI: 'dasset-42' }],
  ])('refuses to unwrap under %s (KEY_UNWRAP_FAILED)', async (_name, wrongContext) => {
    const wrapped = await kms.wrapDataKey('org-a', generateDataKey(), context);
    expect((await unwrapError(kms, 'org-a', wrapped, wrongContext)).code).toBe('KEY_UNWRAP_FAILED');
  });

  it("refuses to unwrap another owner's data key", async () => {
    const wrapped = await kms.wrapDataKey('org-a', generateDataKey(), context);
    expect((await unwrapError(kms, 'org-b', wrapped)).code).toBe('KEY_UNWRAP_FAILED');
  });

  it('refuses a blob with any byte changed', async () => {
    const wrapped = await kms.wrapDataKey('org-a', generateDataKey(), context);
    const blob = Buffer.from(wrapped.slice('local:k1:'.length), 'base64');
    for (let offset = 0; offset < blob.length; offset++) {
      const tampered = Buffer.from(blob);
      tampered[offset] = (tampered[offset] ?? 0) ^ 0x01;
      expect((await unwrapError(kms, 'org-a', `local:k1:${tampered.toString('base64')}`)).code).toBe('KEY_UNWRAP_FAILED');
    }
  });

  it('refuses a blob relabelled with another configured key version', async () => {
    const both = LocalKeyEncryptionService.fromConfig(config(['k2', k2], ['k1', k1]));
    const wrapped = await both.wrapDataKey('org-a', generateDataKey(), context);
    expect((await unwrapError(both, 'org-a', wrapped.replace('local:k2:', 'local:k1:'))).code).toBe('KEY_UNWRAP_FAILED');
  });

  it.each([
    ['garbage', 'not a blob'],
    ['another provider', 'vault:v1:AAAA'],
    ['a short blob', `local:k1:${randomBytes(20).toString('base64')}`],
    ['non-canonical base64', `local:k1:${randomBytes(60).toString('base64')}\n`],
  ])('rejects %s as UNSUPPORTED_FORMAT', async (_name, wrapped) => {
    expect((await unwrapError(kms, 'org-a', wrapped)).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('refuses data keys that are not 32 bytes and empty owner ids', async () => {
    await expect(kms.wrapDataKey('org-a', randomBytes(16), context)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(kms.wrapDataKey('', generateDataKey(), context)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('keeps key material out of error messages', async () => {
    const dataKey = generateDataKey();
    const wrapped = await kms.wrapDataKey('org-a', dataKey, context);
    const error = await unwrapError(kms, 'org-b', wrapped);
    for (const secret of [dataKey.toString('base64'), dataKey.toString('hex'), k1.toString('base64'), k1.toString('hex'), wrapped]) {
      expect(error.message).not.toContain(secret);
    }
  });
});

describe('master key rotation', () => {
  it('wraps under the first key, unwraps under every configured key, and fails clearly once an old key is removed', async () => {
    const before = LocalKeyEncryptionService.fromConfig(config(['k1', k1]));
    const dataKey = generateDataKey();
    const oldBlob = await before.wrapDataKey('org-a', dataKey, context);

    const during = LocalKeyEncryptionService.fromConfig(config(['k2', k2], ['k1', k1]));
    expect(during.currentKeyVersion).toBe('k2');
    expect(Buffer.from(await during.unwrapDataKey('org-a', oldBlob, context)).equals(dataKey)).toBe(true);
    const newBlob = await during.wrapDataKey('org-a', dataKey, context);
    expect(newBlob.startsWith('local:k2:')).toBe(true);

    const after = LocalKeyEncryptionService.fromConfig(config(['k2', k2]));
    expect(Buffer.from(await after.unwrapDataKey('org-a', newBlob, context)).equals(dataKey)).toBe(true);
    expect((await unwrapError(after, 'org-a', oldBlob)).code).toBe('UNKNOWN_KEY_VERSION');
  });

  it('rewraps an old blob under the current key with the same data key, leaves a current blob alone, and checks the owner and context', async () => {
    const dataKey = generateDataKey();
    const oldBlob = await LocalKeyEncryptionService.fromConfig(config(['k1', k1])).wrapDataKey('org-a', dataKey, context);
    const during = LocalKeyEncryptionService.fromConfig(config(['k2', k2], ['k1', k1]));

    const rewrapped = await during.rewrapDataKey('org-a', oldBlob, context);
    expect(rewrapped?.startsWith('local:k2:')).toBe(true);
    const after = LocalKeyEncryptionService.fromConfig(config(['k2', k2]));
    expect(Buffer.from(await after.unwrapDataKey('org-a', rewrapped ?? '', context)).equals(dataKey)).toBe(true);
    expect(await during.rewrapDataKey('org-a', rewrapped ?? '', context)).toBeUndefined();
    await expect(during.rewrapDataKey('org-b', oldBlob, context)).rejects.toMatchObject({ code: 'KEY_UNWRAP_FAILED' });
    await expect(during.rewrapDataKey('org-a', oldBlob, { assetId: 'another' })).rejects.toMatchObject({ code: 'KEY_UNWRAP_FAILED' });
  });

  it('cannot open blobs of a deployment with a different master key under the same id', async () => {
    const wrapped = await LocalKeyEncryptionService.fromConfig(config(['k1', k1])).wrapDataKey('org-a', generateDataKey(), context);
    const impostor = LocalKeyEncryptionService.fromConfig(config(['k1', k2]));
    expect((await unwrapError(impostor, 'org-a', wrapped)).code).toBe('KEY_UNWRAP_FAILED');
  });

  it('refuses an empty key list', () => {
    expect(() => new LocalKeyEncryptionService([])).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});

import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import { generateDataKey } from './data-key.ts';
import { FileCryptoError } from './file-crypto-error.ts';
import { KEY_ENVELOPE_SCHEME, openKeyEnvelope, sealKeyForRecipient, type KeyEnvelope, type KeyReleaseInfo } from './key-envelope.ts';
import { generateRecipientKeyPair } from './x25519-keys.ts';

const info: KeyReleaseInfo = { assetId: 'asset-42', cid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', keyVersion: 3 };
const consumer = generateRecipientKeyPair();

async function openError(privateKey: Uint8Array | string, envelope: unknown): Promise<FileCryptoError> {
  try {
    await openKeyEnvelope(privateKey, envelope as KeyEnvelope);
  } catch (error) {
    if (error instanceof FileCryptoError) return error;
    throw error;
  }
  throw new Error('envelope opened but should not have');
}

describe('sealKeyForRecipient / openKeyEnvelope', () => {
  it('opens with the recipient private key, also after a JSON round trip and with PEM keys', async () => {
    const dataKey = generateDataKey();
    const envelope = await sealKeyForRecipient(consumer.publicKey, dataKey, info);
    expect(Buffer.from(await openKeyEnvelope(consumer.privateKey, envelope)).equals(dataKey)).toBe(true);
    const fromJson = JSON.parse(JSON.stringify(envelope)) as KeyEnvelope;
    expect(Buffer.from(await openKeyEnvelope(consumer.privateKeyPem, fromJson)).equals(dataKey)).toBe(true);
    const viaPem = await sealKeyForRecipient(consumer.publicKeyPem, dataKey, info);
    expect(Buffer.from(await openKeyEnvelope(consumer.privateKey, viaPem)).equals(dataKey)).toBe(true);
  });

  it('carries the scheme and the release info in clear and the data key only sealed', async () => {
    const dataKey = generateDataKey();
    const envelope = await sealKeyForRecipient(consumer.publicKey, dataKey, info);
    expect(envelope).toMatchObject({ scheme: KEY_ENVELOPE_SCHEME, ...info });
    expect(Buffer.from(envelope.enc, 'base64')).toHaveLength(32);
    expect(Buffer.from(envelope.ciphertext, 'base64')).toHaveLength(48);
    expect(JSON.stringify(envelope)).not.toContain(dataKey.toString('base64'));
    expect(Buffer.from(envelope.ciphertext, 'base64').includes(dataKey)).toBe(false);
    const again = await sealKeyForRecipient(consumer.publicKey, dataKey, info);
    expect(again.enc).not.toBe(envelope.enc);
  });

  it('does not open with any other private key', async () => {
    const envelope = await sealKeyForRecipient(consumer.publicKey, generateDataKey(), info);
    const stranger = generateRecipientKeyPair();
    expect((await openError(stranger.privateKey, envelope)).code).toBe('KEY_UNWRAP_FAILED');
    expect((await openError(stranger.privateKeyPem, envelope)).code).toBe('KEY_UNWRAP_FAILED');
  });

  it.each<[string, Partial<KeyEnvelope>]>([
    ['another CID', { cid: 'bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku' }],
    ['another asset id', { assetId: 'asset-43' }],
    ['another key version', { keyVersion: 4 }],
  ])('does not open once the info is altered: %s', async (_name, change) => {
    const envelope = await sealKeyForRecipient(consumer.publicKey, generateDataKey(), info);
    expect((await openError(consumer.privateKey, { ...envelope, ...change })).code).toBe('KEY_UNWRAP_FAILED');
  });

  it('does not open with a flipped bit in enc or ciphertext', async () => {
    const envelope = await sealKeyForRecipient(consumer.publicKey, generateDataKey(), info);
    for (const field of ['enc', 'ciphertext'] as const) {
      const bytes = Buffer.from(envelope[field], 'base64');
      bytes[5] = (bytes[5] ?? 0) ^ 0x10;
      expect((await openError(consumer.privateKey, { ...envelope, [field]: bytes.toString('base64') })).code).toBe('KEY_UNWRAP_FAILED');
    }
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['another scheme', { scheme: 'RSA-OAEP' }],
    ['a truncated ciphertext', { ciphertext: Buffer.alloc(40).toString('base64') }],
    ['a non-base64 enc', { enc: '***' }],
    ['a missing cid', { cid: undefined }],
    ['a string key version', { keyVersion: '3' }],
  ])('rejects a malformed envelope (%s) as UNSUPPORTED_FORMAT', async (_name, change) => {
    const envelope = await sealKeyForRecipient(consumer.publicKey, generateDataKey(), info);
    const malformed = change === null ? null : { ...envelope, ...(change as object) };
    expect((await openError(consumer.privateKey, malformed)).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('refuses bad keys and bad info when sealing', async () => {
    await expect(sealKeyForRecipient(new Uint8Array(31), generateDataKey(), info)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    // an all-zero X25519 public key is a low-order point: there is no shared secret with it
    await expect(sealKeyForRecipient(new Uint8Array(32), generateDataKey(), info)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(sealKeyForRecipient(consumer.publicKey, generateDataKey().subarray(0, 16), info)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(sealKeyForRecipient(consumer.publicKey, generateDataKey(), { ...info, keyVersion: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('opens with a plain RFC 9180 implementation given the info bytes as README.md specifies them', async () => {
    const dataKey = generateDataKey();
    const envelope = await sealKeyForRecipient(consumer.publicKey, dataKey, info);
    const field = (text: string): Buffer => {
      const bytes = Buffer.from(text, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return Buffer.concat([length, bytes]);
    };
    const infoBytes = Buffer.concat(['gridledger/key-release/v1', info.assetId, info.cid, String(info.keyVersion)].map(field));
    const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
    const recipientKey = await suite.kem.deserializePrivateKey(consumer.privateKey);
    const opened = await suite.open({ recipientKey, enc: Buffer.from(envelope.enc, 'base64'), info: infoBytes }, Buffer.from(envelope.ciphertext, 'base64'));
    expect(Buffer.from(opened).equals(dataKey)).toBe(true);
  });
});

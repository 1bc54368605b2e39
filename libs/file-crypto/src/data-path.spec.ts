import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptStream,
  encryptStream,
  FILE_ENCRYPTION_SCHEME,
  generateDataKey,
  generateRecipientKeyPair,
  hashingPassThrough,
  LocalKeyEncryptionService,
  openKeyEnvelope,
  sealKeyForRecipient,
  type KeyEnvelope,
} from './index.ts';
import { runThrough } from './test-support/streams.ts';

describe('the data path through the public entry point', () => {
  it('upload, key release and consumer-side decryption fit together', async () => {
    const kms = LocalKeyEncryptionService.fromConfig(`k1:${randomBytes(32).toString('base64')}`);
    const plaintext = randomBytes(200_000);

    // storage service, upload: hash, encrypt, hash, wrap the data key for the owner
    const dataKey = generateDataKey();
    const plainHash = hashingPassThrough();
    const cipherHash = hashingPassThrough();
    const ciphertext = await runThrough(plaintext, [plainHash, encryptStream(dataKey), cipherHash]);
    const wrapped = await kms.wrapDataKey('org-owner', dataKey, { assetId: 'asset-1' });
    expect(FILE_ENCRYPTION_SCHEME).toMatch(/^[A-Za-z0-9._-]{1,64}$/);

    // key release: unwrap and seal for the consumer
    const consumer = generateRecipientKeyPair();
    const released = await kms.unwrapDataKey('org-owner', wrapped, { assetId: 'asset-1' });
    const envelope = JSON.stringify(await sealKeyForRecipient(consumer.publicKeyPem, released, { assetId: 'asset-1', cid: 'bafy-example-cid', keyVersion: 1 }));

    // consumer: open the envelope, check the ciphertext against the chain hash, decrypt
    const key = await openKeyEnvelope(consumer.privateKeyPem, JSON.parse(envelope) as KeyEnvelope);
    expect(createHash('sha256').update(ciphertext).digest('hex')).toBe(cipherHash.sha256);
    const decrypted = await runThrough(ciphertext, [decryptStream(key)]);
    expect(createHash('sha256').update(decrypted).digest('hex')).toBe(plainHash.sha256);
    expect(decrypted.equals(plaintext)).toBe(true);
  });
});

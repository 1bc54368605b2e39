import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDataKey } from './data-key.ts';
import { DecryptStream } from './decrypt-stream.ts';
import { EncryptStream } from './encrypt-stream.ts';
import { FileCryptoError } from './file-crypto-error.ts';
import { hashingPassThrough } from './hashing-pass-through.ts';
import { ciphertextLength, DEFAULT_CHUNK_SIZE, HEADER_LENGTH, MIN_CHUNK_SIZE, TAG_LENGTH } from './stream-format.ts';
import { decryptBuffer, decryptionError, encryptBuffer, flipBit, pieces, runThrough, splitRecords } from './test-support/streams.ts';

const SMALL = MIN_CHUNK_SIZE;

/** An independent decryptor written from README.md alone, so the documented format is what is produced. */
function decryptPerReadme(key: Uint8Array, file: Buffer): Buffer {
  const header = file.subarray(0, 17);
  expect(header.subarray(0, 4).toString('ascii')).toBe('GLFE');
  expect(header[4]).toBe(1);
  const chunkSize = header.readUInt32BE(5);
  const prefix = header.subarray(9, 17);
  const out: Buffer[] = [];
  const body = file.subarray(17);
  const count = Math.max(1, Math.ceil(body.length / (chunkSize + 16)));
  for (let i = 0; i < count; i++) {
    const record = body.subarray(i * (chunkSize + 16), (i + 1) * (chunkSize + 16));
    const index = Buffer.alloc(4);
    index.writeUInt32BE(i);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.concat([prefix, index]));
    decipher.setAAD(Buffer.concat([header, index, Buffer.from([i === count - 1 ? 1 : 0])]));
    decipher.setAuthTag(record.subarray(record.length - 16));
    out.push(decipher.update(record.subarray(0, record.length - 16)), decipher.final());
  }
  return Buffer.concat(out);
}

describe('encryptStream / decryptStream round trip', () => {
  const sizes: Array<[string, number]> = [
    ['0 bytes', 0],
    ['1 byte', 1],
    ['exactly one chunk', DEFAULT_CHUNK_SIZE],
    ['one chunk plus one byte', DEFAULT_CHUNK_SIZE + 1],
    ['several MiB', 5 * 1024 * 1024 + 123],
  ];

  it.each(sizes)('round-trips %s and produces exactly ciphertextLength() bytes', async (_name, size) => {
    const key = generateDataKey();
    const plaintext = randomBytes(size);
    const ciphertext = await encryptBuffer(key, plaintext);
    expect(ciphertext.length).toBe(ciphertextLength(size));
    expect((await decryptBuffer(key, ciphertext)).equals(plaintext)).toBe(true);
    expect(decryptPerReadme(key, ciphertext).equals(plaintext)).toBe(true);
  });

  it('does not depend on how the input is split into writes', async () => {
    const key = generateDataKey();
    const plaintext = randomBytes(3 * SMALL + 77);
    for (const writeSize of [1, 7, SMALL, SMALL + 1, plaintext.length]) {
      const ciphertext = await runThrough(pieces(plaintext, writeSize), [new EncryptStream(key, { chunkSize: SMALL })]);
      expect(ciphertext.length).toBe(ciphertextLength(plaintext.length, SMALL));
      const decrypted = await runThrough(pieces(ciphertext, writeSize), [new DecryptStream(key)]);
      expect(decrypted.equals(plaintext)).toBe(true);
    }
  });

  it('writes a 0-byte file as the header and one empty final chunk (a bare tag)', async () => {
    const ciphertext = await encryptBuffer(generateDataKey(), Buffer.alloc(0));
    expect(ciphertext.length).toBe(HEADER_LENGTH + TAG_LENGTH);
  });

  it('ends a file whose size is a multiple of the chunk size with a full final chunk', async () => {
    const ciphertext = await encryptBuffer(generateDataKey(), randomBytes(2 * SMALL), { chunkSize: SMALL });
    expect(splitRecords(ciphertext, SMALL).records.map((r) => r.length)).toEqual([SMALL + TAG_LENGTH, SMALL + TAG_LENGTH]);
  });
});

describe('what the ciphertext reveals', () => {
  it('does not contain the plaintext, and encrypting twice gives different bytes', async () => {
    const key = generateDataKey();
    const plaintext = Buffer.from('meter=DE0001;kWh=0012.345;ts=2026-01-01T00:00Z\n'.repeat(3000));
    const first = await encryptBuffer(key, plaintext);
    const second = await encryptBuffer(key, plaintext);
    for (let offset = 0; offset + 16 <= plaintext.length; offset += 997) {
      expect(first.includes(plaintext.subarray(offset, offset + 16))).toBe(false);
    }
    expect(first.includes(Buffer.from('meter=DE'))).toBe(false);
    expect(first.equals(second)).toBe(false);
  });

  it('has a header that depends only on magic, version, chunk size and a random prefix', async () => {
    const key = generateDataKey();
    const a = await encryptBuffer(key, Buffer.alloc(5000, 0x41), { chunkSize: SMALL });
    const b = await encryptBuffer(key, randomBytes(123), { chunkSize: SMALL });
    const headerA = a.subarray(0, HEADER_LENGTH);
    const headerB = b.subarray(0, HEADER_LENGTH);
    const fixed = Buffer.concat([Buffer.from('GLFE'), Buffer.from([1]), Buffer.from([0, 0, 0x04, 0x00])]);
    expect(headerA.subarray(0, 9).equals(fixed)).toBe(true);
    expect(headerB.subarray(0, 9).equals(fixed)).toBe(true);
    expect(headerA.subarray(9).equals(headerB.subarray(9))).toBe(false);
  });
});

describe('tampering', () => {
  const key = generateDataKey();
  const plaintext = randomBytes(4 * SMALL + 512);
  const encrypted = encryptBuffer(key, plaintext, { chunkSize: SMALL });

  it('rejects a flipped bit in every byte of the header', async () => {
    const ciphertext = await encrypted;
    for (let offset = 0; offset < HEADER_LENGTH; offset++) {
      const error = await decryptionError(key, flipBit(ciphertext, offset, offset % 8));
      expect(['UNSUPPORTED_FORMAT', 'INTEGRITY_FAILURE']).toContain(error.code);
    }
  });

  it.each([
    ['the first chunk', HEADER_LENGTH],
    ['a middle chunk', HEADER_LENGTH + 2 * (SMALL + TAG_LENGTH) + 100],
    ['the final chunk', HEADER_LENGTH + 4 * (SMALL + TAG_LENGTH) + 3],
    ['the first tag', HEADER_LENGTH + SMALL + 5],
    ['the last byte (final tag)', -1],
  ])('rejects a flipped bit in %s as INTEGRITY_FAILURE', async (_where, offset) => {
    const ciphertext = await encrypted;
    const error = await decryptionError(key, flipBit(ciphertext, offset < 0 ? ciphertext.length + offset : offset, 6));
    expect(error.code).toBe('INTEGRITY_FAILURE');
  });

  it('rejects the right file under another data key', async () => {
    expect((await decryptionError(generateDataKey(), await encrypted)).code).toBe('INTEGRITY_FAILURE');
  });

  it('emits no plaintext of a chunk whose tag fails', async () => {
    const ciphertext = await encrypted;
    const firstChunkBroken: Buffer[] = [];
    await decryptionError(key, flipBit(ciphertext, HEADER_LENGTH + SMALL + 1), firstChunkBroken);
    expect(Buffer.concat(firstChunkBroken).length).toBe(0);

    const thirdChunkBroken: Buffer[] = [];
    await decryptionError(key, flipBit(ciphertext, HEADER_LENGTH + 2 * (SMALL + TAG_LENGTH) + 1), thirdChunkBroken);
    const delivered = Buffer.concat(thirdChunkBroken);
    expect(delivered.equals(plaintext.subarray(0, 2 * SMALL))).toBe(true);
  });
});

describe('chunk manipulation', () => {
  const key = generateDataKey();
  // 4 full chunks and a short final one; and a file whose final chunk is full
  const shortFinal = encryptBuffer(key, randomBytes(4 * SMALL + 512), { chunkSize: SMALL });
  const fullFinal = encryptBuffer(key, randomBytes(4 * SMALL), { chunkSize: SMALL });

  async function rebuilt(file: Promise<Buffer>, edit: (records: Buffer[]) => Buffer[]): Promise<Buffer> {
    const { header, records } = splitRecords(await file, SMALL);
    return Buffer.concat([header, ...edit(records)]);
  }
  const at = (records: Buffer[], i: number): Buffer => records[i] ?? Buffer.alloc(0);

  it.each([
    ['two chunks swapped', (r: Buffer[]) => [at(r, 0), at(r, 2), at(r, 1), ...r.slice(3)]],
    ['a middle chunk dropped', (r: Buffer[]) => [...r.slice(0, 2), ...r.slice(3)]],
    ['a chunk duplicated', (r: Buffer[]) => [...r.slice(0, 2), at(r, 1), ...r.slice(2)]],
    ['a chunk appended after the final one', (r: Buffer[]) => [...r, at(r, 0)]],
    ['the final chunk moved to the front', (r: Buffer[]) => [at(r, r.length - 1), ...r.slice(0, -1)]],
  ])('rejects %s as INTEGRITY_FAILURE', async (_name, edit) => {
    expect((await decryptionError(key, await rebuilt(shortFinal, edit))).code).toBe('INTEGRITY_FAILURE');
    expect((await decryptionError(key, await rebuilt(fullFinal, edit))).code).toBe('INTEGRITY_FAILURE');
  });

  it('rejects a dropped final chunk as TRUNCATED', async () => {
    expect((await decryptionError(key, await rebuilt(shortFinal, (r) => r.slice(0, -1)))).code).toBe('TRUNCATED');
    expect((await decryptionError(key, await rebuilt(fullFinal, (r) => r.slice(0, -1)))).code).toBe('TRUNCATED');
  });

  it('rejects chunks spliced in from another file under the same key', async () => {
    const other = await encryptBuffer(key, randomBytes(4 * SMALL + 512), { chunkSize: SMALL });
    const foreign = splitRecords(other, SMALL).records;
    expect((await decryptionError(key, await rebuilt(shortFinal, (r) => [at(r, 0), at(foreign, 1), ...r.slice(2)]))).code).toBe('INTEGRITY_FAILURE');
  });

  it('rejects input cut inside the header, inside a chunk, inside a tag, or empty', async () => {
    const ciphertext = await shortFinal;
    expect((await decryptionError(key, Buffer.alloc(0))).code).toBe('TRUNCATED');
    expect((await decryptionError(key, ciphertext.subarray(0, HEADER_LENGTH - 1))).code).toBe('TRUNCATED');
    expect((await decryptionError(key, ciphertext.subarray(0, HEADER_LENGTH))).code).toBe('TRUNCATED');
    expect((await decryptionError(key, ciphertext.subarray(0, HEADER_LENGTH + 5))).code).toBe('TRUNCATED');
    expect((await decryptionError(key, ciphertext.subarray(0, HEADER_LENGTH + 600))).code).toBe('INTEGRITY_FAILURE');
    expect((await decryptionError(key, ciphertext.subarray(0, ciphertext.length - 1))).code).toBe('INTEGRITY_FAILURE');
  });

  it('rejects a header announcing a chunk size beyond the limit before buffering for it', async () => {
    const ciphertext = Buffer.from(await shortFinal);
    ciphertext.writeUInt32BE(0xffff_ffff, 5);
    expect((await decryptionError(key, ciphertext)).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('rejects a file of another format or version as UNSUPPORTED_FORMAT', async () => {
    const ciphertext = Buffer.from(await shortFinal);
    expect((await decryptionError(key, Buffer.concat([Buffer.from('%PDF'), ciphertext.subarray(4)]))).code).toBe('UNSUPPORTED_FORMAT');
    ciphertext[4] = 2;
    expect((await decryptionError(key, ciphertext)).code).toBe('UNSUPPORTED_FORMAT');
  });
});

describe('hashing while streaming', () => {
  it('yields the SHA-256 of the plaintext and of the ciphertext in the same pass', async () => {
    const key = generateDataKey();
    const plaintext = randomBytes(3 * DEFAULT_CHUNK_SIZE + 999);
    const encrypt = new EncryptStream(key);
    expect(() => encrypt.ciphertextSha256).toThrow(/not available/);
    const cipherHash = hashingPassThrough();
    const ciphertext = await runThrough(pieces(plaintext, 5000), [encrypt, cipherHash]);
    expect(encrypt.plaintextSha256).toBe(createHash('sha256').update(plaintext).digest('hex'));
    expect(encrypt.ciphertextSha256).toBe(createHash('sha256').update(ciphertext).digest('hex'));
    expect(encrypt.ciphertextSha256).toBe(cipherHash.sha256);
    expect(encrypt.plaintextBytes).toBe(plaintext.length);
    expect(encrypt.ciphertextBytes).toBe(ciphertext.length);
    expect((await decryptBuffer(key, ciphertext)).equals(plaintext)).toBe(true);
  });

  it('hashes an empty input as the empty string and its one empty final chunk', async () => {
    const key = generateDataKey();
    const encrypt = new EncryptStream(key);
    const ciphertext = await runThrough(Buffer.alloc(0), [encrypt]);
    expect(encrypt.plaintextSha256).toBe(createHash('sha256').digest('hex'));
    expect(encrypt.ciphertextSha256).toBe(createHash('sha256').update(ciphertext).digest('hex'));
    expect(ciphertext.length).toBe(HEADER_LENGTH + TAG_LENGTH);
  });
});

describe('arguments', () => {
  it('refuses a data key that is not 32 bytes and an out-of-range chunk size', () => {
    expect(() => new EncryptStream(randomBytes(16))).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
    expect(() => new DecryptStream(randomBytes(31))).toThrow(FileCryptoError);
    expect(() => new EncryptStream(generateDataKey(), { chunkSize: 100 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

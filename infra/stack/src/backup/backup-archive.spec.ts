import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readEncryptedArchive, writeEncryptedArchive } from './backup-archive.ts';

const dir = mkdtempSync(join(tmpdir(), 'backup-archive-'));
const passphrase = 'correct horse battery staple';
// big enough to span many stream chunks
const plain = randomBytes(3 * 1024 * 1024 + 17);

async function written(name: string): Promise<string> {
  const file = join(dir, name);
  await writeEncryptedArchive(Readable.from([plain.subarray(0, 1000), plain.subarray(1000)]), file, passphrase);
  return file;
}

describe('encrypted backup archive', () => {
  it('opens with its passphrase to exactly the bytes written, and holds none of them in the clear', async () => {
    const file = await written('round-trip');
    const out = join(dir, 'round-trip.out');
    await readEncryptedArchive(file, out, passphrase);
    expect(readFileSync(out).equals(plain)).toBe(true);
    expect(readFileSync(file).includes(plain.subarray(5000, 5064))).toBe(false);
  });

  it('refuses another passphrase with a sentence that says so', async () => {
    const file = await written('wrong-passphrase');
    await expect(readEncryptedArchive(file, join(dir, 'wrong.out'), 'not the passphrase at all')).rejects.toThrow(/does not open with this passphrase/);
  });

  it('refuses an archive with one byte changed, anywhere, or cut short', async () => {
    const file = await written('tampered');
    const bytes = readFileSync(file);
    for (const at of [25, 40, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at] = (copy[at] ?? 0) ^ 1;
      const changed = join(dir, `tampered-${at}`);
      writeFileSync(changed, copy);
      await expect(readEncryptedArchive(changed, join(dir, 'tampered.out'), passphrase)).rejects.toThrow(/does not open|not a GridLedger backup/);
    }
    const cut = join(dir, 'cut');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    await expect(readEncryptedArchive(cut, join(dir, 'cut.out'), passphrase)).rejects.toThrow(/does not open/);
    // six passphrase derivations (scrypt, on purpose slow): 2.3 s alone, over 5 s on a busy machine
  }, 30_000);

  it('says when a file is not a backup at all', async () => {
    const other = join(dir, 'other');
    writeFileSync(other, 'id,value\n'.repeat(100));
    await expect(readEncryptedArchive(other, join(dir, 'other.out'), passphrase)).rejects.toThrow(/is not a GridLedger backup/);
  });
});

import { describe, expect, it } from 'vitest';
import type { StorageDatabase } from '../database/storage-database.ts';
import type { KuboStore } from './kubo-store.ts';
import { PinReleases } from './pin-releases.ts';

/** pin_releases in memory, answering the three statements PinReleases makes. */
function fakeDatabase() {
  const rows = new Map<string, string>();
  const pool = {
    async query(sql: string, values: string[] = []) {
      if (sql.startsWith('insert into pin_releases')) {
        if (!rows.has(values[0] ?? '')) rows.set(values[0] ?? '', values[1] ?? '');
        return { rows: [] };
      }
      if (sql.startsWith('select cid from pin_releases')) return { rows: [...rows.keys()].map((cid) => ({ cid })) };
      if (sql.startsWith('delete from pin_releases')) {
        rows.delete(values[0] ?? '');
        return { rows: [] };
      }
      throw new Error(`unexpected statement: ${sql}`);
    },
  };
  return { database: { pool } as unknown as StorageDatabase, rows };
}

/** A Kubo that is away until `back` is set, and remembers what it unpinned. */
function fakeKubo() {
  const kubo = {
    back: false,
    unpinned: [] as string[],
    async unpin(cid: string) {
      if (!kubo.back) throw new Error('connect ECONNREFUSED 127.0.0.1:15001');
      kubo.unpinned.push(cid);
    },
  };
  return kubo;
}

describe('PinReleases', () => {
  it('unpins at once when IPFS answers, writing nothing down', async () => {
    const { database, rows } = fakeDatabase();
    const kubo = fakeKubo();
    kubo.back = true;
    await new PinReleases(database, kubo as unknown as KuboStore).release('bafy-upload', 'upload failed');
    expect(kubo.unpinned).toEqual(['bafy-upload']);
    expect(rows.size).toBe(0);
  });

  it('writes down what IPFS could not be told, and unpins it by a sweep once IPFS is back', async () => {
    const { database, rows } = fakeDatabase();
    const kubo = fakeKubo();
    const releases = new PinReleases(database, kubo as unknown as KuboStore);
    await releases.release('bafy-a', 'upload failed');
    await releases.release('bafy-b', 'rotation failed');
    await releases.release('bafy-a', 'upload failed');
    expect([...rows.keys()]).toEqual(['bafy-a', 'bafy-b']);

    expect(await releases.sweep()).toBe(0);
    expect(rows.size).toBe(2);

    kubo.back = true;
    expect(await releases.sweep()).toBe(2);
    expect(kubo.unpinned).toEqual(['bafy-a', 'bafy-b']);
    expect(rows.size).toBe(0);
  });
});

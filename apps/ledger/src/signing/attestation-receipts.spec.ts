import { describe, expect, it } from 'vitest';
import type { CommandStore } from '../commands/command-store.ts';
import { AttestationReceiptTaker } from './attestation-receipts.ts';

type Waiting = { commandId: string; userId: string; attestation: string };

function harness(waiting: Waiting[], answer: (batch: readonly Waiting[]) => Promise<{ results: ({ received: true } | { error: { code: string; message: string } })[] }>) {
  const shown: Waiting[][] = [];
  const warnings: string[] = [];
  const store = {
    awaitingReceipt: async (limit: number) => waiting.slice(0, limit),
    markReceiptTaken: async (ids: string[]) => {
      waiting.splice(0, waiting.length, ...waiting.filter((w) => !ids.includes(w.commandId)));
    },
  } as unknown as CommandStore;
  const identity = {
    receiveAttestations: (batch: readonly Waiting[]) => {
      shown.push([...batch]);
      return answer(batch);
    },
  };
  const taker = new AttestationReceiptTaker(store, identity, { log: () => undefined, warn: (m) => void warnings.push(m) });
  return { taker, shown, warnings, waiting };
}

const commands = (n: number): Waiting[] => Array.from({ length: n }, (_, i) => ({ commandId: `c${i}`, userId: 'u', attestation: `jws-${i}` }));

describe('AttestationReceiptTaker', () => {
  it('shows waiting attestations 500 at a time, oldest first, and marks each shown, refused ones too', async () => {
    const { taker, shown, warnings, waiting } = harness(commands(501), async (batch) => ({ results: batch.map((w) => (w.commandId === 'c3' ? { error: { code: 'NOT_ATTESTED', message: 'the attestation has expired' } } : { received: true as const })) }));
    expect(await taker.takeOnce()).toBe(500);
    expect(await taker.takeOnce()).toBe(1);
    expect(await taker.takeOnce()).toBe(0);
    expect(shown.map((b) => b.length)).toEqual([500, 1]);
    expect(shown[1]?.[0]?.commandId).toBe('c500');
    expect(waiting).toEqual([]);
    expect(taker.taken).toBe(501);
    expect(warnings).toEqual(["no receipt for command c3's attestation (NOT_ATTESTED): the attestation has expired; its signature request will answer it"]);
  });

  it('marks nothing while the identity service is away, so the same commands are shown again', async () => {
    let away = true;
    const { taker, shown, waiting } = harness(commands(2), async (batch) => {
      if (away) throw new Error('connect ECONNREFUSED');
      return { results: batch.map(() => ({ received: true as const })) };
    });
    await expect(taker.takeOnce()).rejects.toThrow('ECONNREFUSED');
    expect(waiting).toHaveLength(2);
    away = false;
    expect(await taker.takeOnce()).toBe(2);
    expect(shown.map((b) => b.map((w) => w.commandId))).toEqual([['c0', 'c1'], ['c0', 'c1']]);
  });

  it('works through a backlog in the background once started, and stops', async () => {
    const { taker, waiting } = harness(commands(1_200), async (batch) => ({ results: batch.map(() => ({ received: true as const })) }));
    taker.start();
    await expect.poll(() => waiting.length, { timeout: 2_000 }).toBe(0);
    await taker.stop();
    expect(taker.taken).toBe(1_200);
  });
});

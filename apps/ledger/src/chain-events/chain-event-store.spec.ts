import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from './chain-event-message.ts';
import { ChainEventStore } from './chain-event-store.ts';

/** A pool answering the checkpoint query with `checkpoint`, and recording every statement. */
function fakePool(checkpoint: { block_number: string; transaction_id: string | null } | undefined) {
  const statements: { text: string; values?: unknown[] }[] = [];
  const query = async (text: string, values?: unknown[]) => {
    statements.push({ text: text.replace(/\s+/g, ' ').trim(), ...(values ? { values } : {}) });
    return { rows: text.includes('from chain_checkpoint') && checkpoint ? [checkpoint] : [], rowCount: 0 };
  };
  const pool = { query, connect: async () => ({ query, release: () => undefined }) } as unknown as pg.Pool;
  return { pool, statements };
}

const message = (id: string): OutboxMessage => ({ id, topic: 'gridledger.chain.ping-recorded.v1', key: 'k', envelope: { id } as unknown as OutboxMessage['envelope'] });

describe('ChainEventStore', () => {
  it('starts at the genesis block, after a whole recorded block, or again at a block recorded event by event', async () => {
    expect(await new ChainEventStore(fakePool(undefined).pool).resumeBlock()).toBe(0n);
    expect(await new ChainEventStore(fakePool({ block_number: '41', transaction_id: null }).pool).resumeBlock()).toBe(42n);
    expect(await new ChainEventStore(fakePool({ block_number: '41', transaction_id: 'tx-9' }).pool).resumeBlock()).toBe(41n);
  });

  it("records a block's events in one INSERT with the checkpoint, in one transaction; a block without events moves the checkpoint only", async () => {
    const { pool, statements } = fakePool(undefined);
    const store = new ChainEventStore(pool);
    await store.recordBlock(7n, [message('tx-1'), message('tx-2')]);
    expect(statements.map((s) => s.text.split(' ').slice(0, 3).join(' '))).toEqual(['begin', 'insert into outbox', 'insert into chain_checkpoint', 'commit']);
    // one array per column, the block's events in order
    expect(statements[1]?.values).toHaveLength(4);
    expect(statements[1]?.values?.[0]).toEqual(['tx-1', 'tx-2']);
    expect(statements[1]?.text).toContain('on conflict (id) do nothing');
    // each event takes the trace of the command whose transaction it came from
    expect(statements[1]?.text).toContain('c.tx_id = m.id');
    expect(statements[2]?.values).toEqual(['7']);
    statements.length = 0;
    await store.recordBlock(8n, []);
    expect(statements.map((s) => s.text.split(' ')[0])).toEqual(['begin', 'insert', 'commit']);
    expect(statements[1]?.text).toContain('chain_checkpoint');
  });
});

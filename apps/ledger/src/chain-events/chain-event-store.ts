import type pg from 'pg';
import { inTransaction } from '@gridledger/messaging';
import type { OutboxMessage } from './chain-event-message.ts';

/**
 * The relay's durable state: where it is in the chain, and what it owes Kafka. Both change in
 * one transaction per block, so after a crash the checkpoint never runs ahead of the outbox or
 * behind it.
 */
export class ChainEventStore {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  /**
   * The first block not yet recorded. A checkpoint with a transaction id was written event by
   * event (before blocks were recorded whole): its block may be half done and is read again,
   * which records nothing twice (an event's outbox id is its transaction's id).
   */
  async resumeBlock(): Promise<bigint> {
    const { rows } = await this.pool.query<{ block_number: string; transaction_id: string | null }>('select block_number, transaction_id from chain_checkpoint where id = 1');
    const row = rows[0];
    if (!row) return 0n;
    return row.transaction_id === null ? BigInt(row.block_number) + 1n : BigInt(row.block_number);
  }

  /** Records a whole block: its events' messages (none, for a block without events) and the checkpoint after it. */
  async recordBlock(blockNumber: bigint, messages: readonly OutboxMessage[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      if (messages.length > 0) {
        const values = messages.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ');
        await client.query(
          `insert into outbox (id, topic, message_key, envelope) values ${values} on conflict (id) do nothing`,
          messages.flatMap((m) => [m.id, m.topic, m.key, JSON.stringify(m.envelope)]),
        );
      }
      await client.query(
        `insert into chain_checkpoint (id, block_number, transaction_id) values (1, $1, null)
         on conflict (id) do update set block_number = excluded.block_number, transaction_id = null, updated_at = now()`,
        [blockNumber.toString()],
      );
    });
  }
}

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
        // an event of a transaction this service submitted carries its command's trace (the
        // CloudEvents tracing extension), so its consumers' spans join the request that caused it
        await client.query(
          `insert into outbox (id, topic, message_key, envelope)
           select m.id, m.topic, m.message_key, m.envelope || coalesce((select c.trace_context from ledger_commands c where c.tx_id = m.id limit 1), '{}'::jsonb)
           from unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) with ordinality as m(id, topic, message_key, envelope, ord)
           order by m.ord
           on conflict (id) do nothing`,
          [messages.map((m) => m.id), messages.map((m) => m.topic), messages.map((m) => m.key), messages.map((m) => JSON.stringify(m.envelope))],
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

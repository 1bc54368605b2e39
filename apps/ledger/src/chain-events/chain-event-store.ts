import type { Checkpoint } from '@hyperledger/fabric-gateway';
import { inTransaction } from '@gridledger/messaging';
import type pg from 'pg';
import type { OutboxMessage } from './chain-event-message.ts';

/**
 * The relay's durable state: where it is in the chain, and what it owes Kafka. Both change in
 * one transaction, so after a crash the checkpoint never runs ahead of the outbox or behind it.
 */
export class ChainEventStore {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async checkpoint(): Promise<Checkpoint> {
    const { rows } = await this.pool.query<{ block_number: string; transaction_id: string | null }>('select block_number, transaction_id from chain_checkpoint where id = 1');
    const row = rows[0];
    return {
      getBlockNumber: () => (row ? BigInt(row.block_number) : undefined),
      getTransactionId: () => row?.transaction_id ?? undefined,
    };
  }

  /** Records one event (or only advances past it, when it was skipped). */
  async record(blockNumber: bigint, transactionId: string, message: OutboxMessage | undefined): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      if (message) {
        await client.query('insert into outbox (id, topic, message_key, envelope) values ($1, $2, $3, $4) on conflict (id) do nothing', [
          message.id, message.topic, message.key, JSON.stringify(message.envelope),
        ]);
      }
      await client.query(
        `insert into chain_checkpoint (id, block_number, transaction_id) values (1, $1, $2)
         on conflict (id) do update set block_number = excluded.block_number, transaction_id = excluded.transaction_id, updated_at = now()`,
        [blockNumber.toString(), transactionId],
      );
    });
  }
}

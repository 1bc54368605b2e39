import { enqueueLedgerCommand as enqueue, type LedgerCommandRequest } from '@gridledger/ledger-client';
import type pg from 'pg';

export const EVENT_SOURCE = '/gridledger/storage';

/** Asks the ledger for a transaction about an asset, through this service's outbox, in the caller's transaction. */
export function enqueueLedgerCommand(db: pg.ClientBase, assetId: string, command: Pick<LedgerCommandRequest, 'userId' | 'contract' | 'transaction' | 'arguments'>): Promise<string> {
  return enqueue(db, { source: EVENT_SOURCE, subject: assetId, requestedBy: 'storage', ...command });
}

import { Inject, Injectable } from '@nestjs/common';
import { enqueueLedgerCommand, type LedgerCommandRequest } from '@gridledger/ledger-client';
import type pg from 'pg';
import { STORAGE_CONFIG, type StorageConfig } from '../config/storage-config.ts';

export const EVENT_SOURCE = '/gridledger/storage';
/** how this service names itself in its ledger commands, and finds its answers by */
export const REQUESTED_BY = 'storage';

/** Asks the ledger for transactions about assets, attested by this service, through its outbox. */
@Injectable()
export class LedgerCommands {
  constructor(@Inject(STORAGE_CONFIG) private readonly config: StorageConfig) {}

  /** In the caller's database transaction: the command leaves with the rest of its writes, or not at all. */
  enqueue(db: pg.ClientBase, assetId: string, command: Pick<LedgerCommandRequest, 'userId' | 'call'>): Promise<string> {
    return enqueueLedgerCommand(db, { source: EVENT_SOURCE, subject: assetId, requestedBy: REQUESTED_BY, ...command }, { credential: this.config.auth.credential, target: { channel: this.config.STORAGE_LEDGER_CHANNEL, chaincode: this.config.STORAGE_LEDGER_CHAINCODE } });
  }
}

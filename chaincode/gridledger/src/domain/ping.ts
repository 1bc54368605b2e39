import type { Caller } from '../caller.ts';

/** A liveness record: proves a signed transaction reached the ledger and who signed it. */
export interface Ping {
  docType: 'ping';
  txId: string;
  message: string;
  signer: Caller;
  /** the transaction's timestamp (ISO 8601), never the peer's clock */
  timestamp: string;
}

/** The channel and chaincode the ledger service serves: an attestation binds both, so they must agree. */
export interface LedgerTarget {
  channel: string;
  chaincode: string;
}

export const DEFAULT_LEDGER_TARGET: LedgerTarget = { channel: 'gridledger', chaincode: 'gridledger' };

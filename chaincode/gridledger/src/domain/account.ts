/** Credits of one user. balance + escrowed over all accounts changes only by Mint. */
export interface Account {
  docType: 'account';
  uid: string;
  mspId: string;
  balance: number;
  /** credits held for this user's pending requests */
  escrowed: number;
  minted: number;
}

export interface UserFreeze {
  docType: 'user-freeze';
  uid: string;
  reason: string;
  by: string;
  at: string;
  txId: string;
}

/** A platform user as recorded on chain: their organisation and their user id. */
export interface PartyRef {
  mspId: string;
  uid: string;
}

/** What a Fabric proposal or transaction asks for, read from its own bytes. */
export interface DecodedCall {
  channel: string;
  txId: string;
  /** the identity the bytes are signed in the name of */
  creatorMspId: string;
  creatorCertificatePem: string;
  chaincode: string;
  contract: string;
  transaction: string;
  arguments: string[];
  /** the ledger command a proposal names (transient data), null when none */
  commandId: string | null;
}

/**
 * The bytes a signature covers (`message`), read out of what was decoded, and their SHA-256
 * (`digest`), the value fabric-gateway's signers sign.
 */
export type DecodedSignable = DecodedCall & { message: Uint8Array; digest: Uint8Array };

/** The bytes are not a chaincode invocation this platform would ask to have signed. */
export class UndecodableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndecodableError';
  }
}

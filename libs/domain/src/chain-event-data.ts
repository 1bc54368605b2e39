import type { Sensitivity } from './assets.ts';
import type { ChaincodeEventName } from './chaincode-events.ts';
import type { DataAsset, MetadataPatch, PartyRef, SubscriptionDelivery, WithheldDelivery } from './chain-records.ts';
import type { NoteSubject } from './regulator-notes.ts';
import type { RequestStatus } from './request-statuses.ts';
import type { Role } from './roles.ts';

/** A signed-in platform user as the chaincode names them in an event. */
export type ChainActor = PartyRef & { role: Role };

/** An asset's ciphertext under one key: what a key rotation replaces. */
export interface CiphertextVersion {
  cid: string;
  ciphertextSha256: string;
  keyVersion: number;
  sizeBytes: number;
  encryptionScheme: string;
}

/**
 * The `data` of every chaincode event: the chaincode's `emit` takes exactly this for each name,
 * and libs/contracts publishes a schema of it per topic in the AsyncAPI document. A name without
 * an entry here does not compile.
 */
export interface ChainEventDataMap {
  /** deliveries and withheld: a new version of a product with subscribers (absent otherwise) */
  AssetRegistered: { asset: DataAsset; deliveries?: SubscriptionDelivery[] | undefined; withheld?: WithheldDelivery[] | undefined };
  AssetMetadataUpdated: { changes: MetadataPatch };
  AssetRetired: { reason: string };
  AssetKeyRotated: { previous: CiphertextVersion; current: CiphertextVersion };
  /** subscription: a subscription to the asset's product (absent for a one-version request) */
  AccessRequested: {
    consumer: PartyRef; owner: PartyRef; purpose: string; durationSeconds: number; escrowedCredits: number; requiresRegulator: boolean;
    subscription?: { productId: string; versionsPaid: number; installmentCredits: number } | undefined;
  };
  RequestOwnerApproved: { consumer: PartyRef; sensitivity: Sensitivity; reason: string };
  /** expiresAt is absent only if the grant was not written, which the chaincode does not do */
  /** reason: absent from grants emitted before 2026-12-05, whose reason only the request record holds */
  AccessGranted: { consumer: PartyRef; decidedBy: PartyRef & { role: string }; reason?: string | undefined; expiresAt?: string | undefined; maxDownloads: number; paidCredits: number };
  RequestRejected: { consumer: PartyRef; decidedBy: PartyRef & { role: string }; reason: string; refundedCredits: number };
  GrantRevoked: { consumer: PartyRef; reason: string; refundedCredits: number };
  RequestExpired: { consumer: PartyRef; previousStatus: RequestStatus; refundedCredits: number };
  KeyReleased: GrantUseData;
  DownloadRecorded: GrantUseData;
  CreditsMinted: { to: PartyRef; amount: number; memo: string; balance: number };
  AssetFrozen: { reason: string; by: ChainActor };
  AssetUnfrozen: { reason: string; by: ChainActor };
  UserFrozen: { reason: string; by: ChainActor };
  UserUnfrozen: { reason: string; by: ChainActor };
  RegulatorNoteAdded: { noteId: string; subjectType: NoteSubject; subjectId: string; text: string };
  PingRecorded: { message: string };
}

/** A key release (recipientKeySha256) or a platform download (ciphertextSha256) drawn on a grant. */
export type GrantUseData = {
  consumer: PartyRef;
  keyVersion: number;
  recipientKeySha256?: string | undefined;
  ciphertextSha256?: string | undefined;
  remainingDownloads: number;
};

/** The data of event N; every event name must have its entry. */
export type ChainEventData<N extends ChaincodeEventName = ChaincodeEventName> = { [K in ChaincodeEventName]: ChainEventDataMap[K] }[N];

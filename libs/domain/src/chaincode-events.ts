import { isOneOf } from './one-of.ts';

/**
 * The chaincode's event names: a stable, documented contract (chaincode/gridledger/EVENTS.md)
 * that the ledger service relays to Kafka, one topic each. The chaincode emits them and the
 * event contracts publish them from this one list.
 */
export const CHAINCODE_EVENT_NAMES = [
  'AssetRegistered',
  'AssetMetadataUpdated',
  'AssetRetired',
  'AssetKeyRotated',
  'AccessRequested',
  'RequestOwnerApproved',
  'AccessGranted',
  'RequestRejected',
  'GrantRevoked',
  'RequestExpired',
  'KeyReleased',
  'DownloadRecorded',
  'CreditsMinted',
  'AssetFrozen',
  'AssetUnfrozen',
  'UserFrozen',
  'UserUnfrozen',
  'RegulatorNoteAdded',
  'PingRecorded',
] as const;
export type ChaincodeEventName = (typeof CHAINCODE_EVENT_NAMES)[number];
export const isChaincodeEventName = isOneOf(CHAINCODE_EVENT_NAMES);

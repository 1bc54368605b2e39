/**
 * The platform's vocabulary, defined once: the chaincode bundles this library, and every
 * service, library and the dashboard import it. Plain constants and types, no dependencies,
 * so it runs wherever the chaincode runs.
 */
export { ASSET_CATEGORIES, ASSET_STATUSES, SENSITIVITIES, isAssetCategory, isAssetStatus, isSensitivity, needsRegulatorApproval, type AssetCategory, type AssetStatus, type Sensitivity } from './assets.ts';
export { CHAINCODE_ERROR_CODES, CHAINCODE_ERROR_STATUS, isChaincodeErrorCode, type ChaincodeErrorCode } from './chaincode-errors.ts';
export { CHAINCODE_TRANSACTIONS, CONTRACT_NAMES, QUERY_TRANSACTIONS, SUBMIT_TRANSACTIONS, type ContractName, type QualifiedTransaction, type QueryTransaction, type SubmitTransaction, type TransactionName } from './chaincode-transactions.ts';
export { CHAINCODE_EVENT_NAMES, isChaincodeEventName, type ChaincodeEventName } from './chaincode-events.ts';
export { ROLE_ATTRIBUTE, UID_ATTRIBUTE } from './certificate-attributes.ts';
export { COMMAND_ID_TRANSIENT_KEY } from './command-claim.ts';
export { MAX_POLICY_DOWNLOADS, MAX_POLICY_DURATION_SECONDS, MAX_SUBSCRIPTION_VERSIONS } from './policy-limits.ts';
export { MAX_DESCRIPTION_LENGTH, MAX_PRICE_CREDITS, MAX_TITLE_LENGTH } from './asset-limits.ts';
export { OPEN_REQUEST_STATUSES, PENDING_REQUEST_STATUSES, REQUEST_STATUSES, isRequestStatus, type RequestStatus } from './request-statuses.ts';
export { REGULATOR_MSP, ROLES, isRegulator, isRole, rolesOfOrganisation, type Role } from './roles.ts';
export { MAX_NOTE_LENGTH, NOTE_SUBJECTS, isNoteSubject, type NoteSubject } from './regulator-notes.ts';
export { NOTIFICATION_KINDS, isNotificationKind, type NotificationKind } from './notification-kinds.ts';
export type {
  AccessPolicy,
  AccessRequest,
  AccessRequestInput,
  Account,
  AssetRegistration,
  DataAsset,
  DataProduct,
  Subscription,
  SubscriptionDelivery,
  WithheldDelivery,
  ProductVersion,
  Decision,
  DownloadInput,
  EscrowState,
  Grant,
  KeyReleaseInput,
  KeyRotation,
  MetadataPatch,
  PartyRef,
  UserFreeze,
} from './chain-records.ts';
export type { ChainActor, ChainEventData, ChainEventDataMap, CiphertextVersion, GrantUseData } from './chain-event-data.ts';

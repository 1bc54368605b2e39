/**
 * Every transaction of the chaincode, by contract, and whether it is submitted (ordered and
 * committed) or evaluated (a query, never committed). The chaincode's own unit test keeps its
 * `@Transaction` functions equal to this table; services name transactions only through it
 * (libs/chaincode-api), so a renamed transaction fails to compile rather than at run time.
 */
export const CHAINCODE_TRANSACTIONS = {
  access: {
    RequestAccess: 'submit',
    ApproveRequest: 'submit',
    RejectRequest: 'submit',
    RegulatorApprove: 'submit',
    RegulatorReject: 'submit',
    RevokeGrant: 'submit',
    ExpireRequest: 'submit',
    CheckAccess: 'evaluate',
    RecordKeyRelease: 'submit',
    RecordDownload: 'submit',
    GetRequest: 'evaluate',
  },
  asset: {
    RegisterAsset: 'submit',
    UpdateAssetMetadata: 'submit',
    RetireAsset: 'submit',
    RotateAssetKey: 'submit',
    GetAsset: 'evaluate',
    QueryAssets: 'evaluate',
    GetAssetHistory: 'evaluate',
  },
  lineage: { GetAssetLineage: 'evaluate' },
  settlement: { Mint: 'submit', GetAccount: 'evaluate' },
  supervision: {
    FreezeAsset: 'submit',
    UnfreezeAsset: 'submit',
    FreezeUser: 'submit',
    UnfreezeUser: 'submit',
    AddRegulatorNote: 'submit',
    GetRegulatorNotes: 'evaluate',
  },
  system: { GetVersion: 'evaluate', WhoAmI: 'evaluate', Ping: 'submit', GetPing: 'evaluate' },
} as const satisfies Record<string, Record<string, 'submit' | 'evaluate'>>;

type Catalog = typeof CHAINCODE_TRANSACTIONS;
export type ContractName = keyof Catalog;
export const CONTRACT_NAMES = Object.keys(CHAINCODE_TRANSACTIONS) as [ContractName, ...ContractName[]];
export type TransactionName<C extends ContractName = ContractName> = C extends ContractName ? keyof Catalog[C] & string : never;
/** `contract:Transaction`, as attestations and the signing table name a transaction. */
export type QualifiedTransaction = { [C in ContractName]: `${C}:${TransactionName<C>}` }[ContractName];
export type SubmitTransaction = { [C in ContractName]: { [T in TransactionName<C>]: Catalog[C][T] extends 'submit' ? `${C}:${T}` : never }[TransactionName<C>] }[ContractName];
export type QueryTransaction = Exclude<QualifiedTransaction, SubmitTransaction>;

const qualified = (kind: 'submit' | 'evaluate'): string[] =>
  Object.entries(CHAINCODE_TRANSACTIONS).flatMap(([contract, transactions]) => Object.entries(transactions).flatMap(([name, how]) => (how === kind ? [`${contract}:${name}`] : [])));

/** The queries (`@Transaction(false)`), as `contract:Transaction`. */
export const QUERY_TRANSACTIONS = qualified('evaluate') as readonly QueryTransaction[];
export const SUBMIT_TRANSACTIONS = qualified('submit') as readonly SubmitTransaction[];

import { QUERY_TRANSACTIONS, type SubmitTransaction } from '@gridledger/domain';
import type { PrincipalName, ServiceName } from './service-names.ts';

/** Who a ledger command is signed for: a platform user, or an organisation's own service identity. */
export type SignerKind = 'user' | 'organization';

/**
 * THE table of who may attest which chaincode transaction (`contract:Transaction`), for which kind
 * of signer. A service asks only for the transactions it owns; every other service attests
 * nothing. The identity service signs a user's command only on an attestation this table allows.
 */
export const ATTESTATION_TABLE = {
  identity: { user: [], organization: [] },
  ledger: { user: [], organization: [] },
  storage: {
    user: ['asset:RegisterAsset', 'asset:RotateAssetKey', 'access:RecordDownload', 'access:RecordKeyRelease'],
    organization: [],
  },
  'access-policy': {
    user: [
      'access:RequestAccess',
      'access:ApproveRequest',
      'access:RejectRequest',
      'access:RegulatorApprove',
      'access:RegulatorReject',
      'access:RevokeGrant',
      'access:ExpireRequest',
      'asset:UpdateAssetMetadata',
      'asset:RetireAsset',
      'supervision:FreezeAsset',
      'supervision:UnfreezeAsset',
      'supervision:FreezeUser',
      'supervision:UnfreezeUser',
      'supervision:AddRegulatorNote',
      'settlement:Mint',
    ],
    // the expiry job runs as the organisation, not as a person
    organization: ['access:ExpireRequest'],
  },
  audit: { user: [], organization: [] },
  'web-entry': { user: [], organization: [] },
} as const satisfies Record<ServiceName, Record<SignerKind, readonly SubmitTransaction[]>>;

/**
 * Services that read the chain on a user's behalf: their attestation lets a query be signed for
 * that user. (A user's own access token does too; the identity service checks that itself.)
 */
export const QUERY_READERS = ['storage', 'access-policy', 'audit'] as const satisfies readonly ServiceName[];

/**
 * What the operator (the stack's tools, benchmarks, tests) may attest, for a user or an
 * organisation: `system:Ping` writes a ping record and nothing else, so a benchmark can drive the
 * authenticated path end to end without holding a service's key.
 */
export const OPERATOR_TRANSACTIONS = ['system:Ping'] as const satisfies readonly SubmitTransaction[];

export const isQuery = (fn: string): boolean => (QUERY_TRANSACTIONS as readonly string[]).includes(fn);

/**
 * A read a service makes on a user's behalf through the ledger's HTTP API, which maps routes to
 * queries itself: the service attests "this user asked to read" (this pseudo-function, no
 * arguments), and the identity service signs any query proposal for that user on it.
 */
// not a chaincode transaction (no contract is called `query`), so it is not in the chaincode's table
// eslint-disable-next-line no-restricted-syntax
export const READ_ON_BEHALF = { contract: 'query', transaction: 'Read' } as const;
const READ_ON_BEHALF_FN = `${READ_ON_BEHALF.contract}:${READ_ON_BEHALF.transaction}`;

/** Whether `service`'s attestation may make `fn` (`contract:Transaction`) be signed for that kind of signer. */
export function mayAttest(service: PrincipalName, fn: string, signerKind: SignerKind): boolean {
  // the operator's one transaction: the chaincode's liveness ping, for benchmarks and smoke tests
  if (service === 'operator') return (OPERATOR_TRANSACTIONS as readonly string[]).includes(fn);
  if (fn === READ_ON_BEHALF_FN) return signerKind === 'user' && (QUERY_READERS as readonly string[]).includes(service);
  // queries are signed for users only; an organisation identity's reads are the ledger's own business
  if (isQuery(fn)) return signerKind === 'user' && (QUERY_READERS as readonly string[]).includes(service);
  return (ATTESTATION_TABLE[service][signerKind] as readonly string[]).includes(fn);
}

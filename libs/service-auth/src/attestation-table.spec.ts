import { SUBMIT_TRANSACTIONS } from '@gridledger/domain';
import { describe, expect, it } from 'vitest';
import { ATTESTATION_TABLE, isQuery, mayAttest, QUERY_READERS } from './attestation-table.ts';
import { SERVICE_NAMES } from './service-names.ts';

describe('the attestation table', () => {
  it('names only submit transactions of the chaincode, never a query', () => {
    for (const service of SERVICE_NAMES) {
      for (const fn of [...ATTESTATION_TABLE[service].user, ...ATTESTATION_TABLE[service].organization]) {
        expect(SUBMIT_TRANSACTIONS).toContain(fn);
        expect(isQuery(fn)).toBe(false);
      }
    }
    expect(isQuery('asset:GetAsset')).toBe(true);
  });

  it('lets storage and access-policy attest their own transactions for users, and nobody else anything', () => {
    expect(mayAttest('storage', 'asset:RegisterAsset', 'user')).toBe(true);
    expect(mayAttest('storage', 'access:ApproveRequest', 'user')).toBe(false);
    expect(mayAttest('access-policy', 'access:ApproveRequest', 'user')).toBe(true);
    expect(mayAttest('access-policy', 'settlement:Mint', 'user')).toBe(true);
    expect(mayAttest('access-policy', 'asset:RegisterAsset', 'user')).toBe(false);
    for (const service of ['identity', 'ledger', 'audit', 'web-entry', 'operator'] as const) expect(mayAttest(service, 'access:ApproveRequest', 'user')).toBe(false);
    // a regulator's note goes through access-policy's supervision routes, and through nothing else
    expect(mayAttest('access-policy', 'supervision:AddRegulatorNote', 'user')).toBe(true);
    expect(mayAttest('storage', 'supervision:AddRegulatorNote', 'user')).toBe(false);
    // an owner retires an asset through access-policy's asset routes, and through nothing else
    expect(mayAttest('access-policy', 'asset:RetireAsset', 'user')).toBe(true);
    expect(mayAttest('storage', 'asset:RetireAsset', 'user')).toBe(false);
    for (const fn of ['system:Ping', 'nothing:AtAll']) {
      for (const service of SERVICE_NAMES) expect(mayAttest(service, fn, 'user')).toBe(false);
    }
  });

  it("allows only access-policy's expiry for an organisation's identity", () => {
    expect(mayAttest('access-policy', 'access:ExpireRequest', 'organization')).toBe(true);
    expect(mayAttest('access-policy', 'access:ApproveRequest', 'organization')).toBe(false);
    expect(mayAttest('storage', 'asset:RegisterAsset', 'organization')).toBe(false);
  });

  it('lets the reader services attest queries for a user', () => {
    expect(QUERY_READERS).toEqual(['storage', 'access-policy', 'audit']);
    expect(isQuery('access:CheckAccess')).toBe(true);
    expect(isQuery('access:ApproveRequest')).toBe(false);
    for (const reader of QUERY_READERS) expect(mayAttest(reader, 'system:WhoAmI', 'user')).toBe(true);
    expect(mayAttest('ledger', 'system:WhoAmI', 'user')).toBe(false);
    expect(mayAttest('web-entry', 'asset:GetAsset', 'user')).toBe(false);
    expect(mayAttest('audit', 'asset:GetAsset', 'organization')).toBe(false);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ATTESTATION_TABLE, isQuery, mayAttest, QUERY_READERS, QUERY_TRANSACTIONS } from './attestation-table.ts';
import { SERVICE_NAMES } from './service-names.ts';

/** Every `@Transaction(...)` function of the chaincode's contracts, as `contract:Transaction`, and whether it is a query. */
function chaincodeTransactions(): { fn: string; query: boolean }[] {
  const dir = fileURLToPath(new URL('../../../chaincode/gridledger/src/contracts/', import.meta.url));
  return readdirSync(dir)
    .filter((file) => file.endsWith('.contract.ts'))
    .flatMap((file) => {
      const source = readFileSync(`${dir}${file}`, 'utf8');
      const contract = /super\('(\w+)'\)/.exec(source)?.[1] ?? '';
      return [...source.matchAll(/@Transaction\((false)?\)[\s\S]*?public async (\w+)\(/g)].map((m) => ({ fn: `${contract}:${m[2]}`, query: m[1] === 'false' }));
    });
}

describe('the attestation table', () => {
  it('lists exactly the chaincode queries, and only submit transactions the chaincode has', () => {
    const transactions = chaincodeTransactions();
    expect(transactions.length).toBeGreaterThan(20);
    expect([...QUERY_TRANSACTIONS].sort()).toEqual(transactions.filter((t) => t.query).map((t) => t.fn).sort());
    const submits = new Set(transactions.filter((t) => !t.query).map((t) => t.fn));
    for (const service of SERVICE_NAMES) for (const fn of [...ATTESTATION_TABLE[service].user, ...ATTESTATION_TABLE[service].organization]) expect(submits).toContain(fn);
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
    for (const fn of ['asset:RetireAsset', 'system:Ping', 'nothing:AtAll']) {
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

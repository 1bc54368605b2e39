import { CHAINCODE_TRANSACTIONS, type DataAsset } from '@gridledger/domain';
import { describe, expect, it } from 'vitest';
import { parseChaincodeResult } from './chaincode-call.ts';
import { queryCalls } from './query-calls.ts';
import { submitCalls } from './submit-calls.ts';

const asset: DataAsset = {
  docType: 'asset',
  id: 'a-1',
  owner: { mspId: 'GridMSP', uid: 'u-1' },
  title: 'Feeder 12 load curve',
  description: '',
  category: 'load-curve',
  sensitivity: 'internal',
  cid: 'bafy-whole',
  ciphertextSha256: 'c'.repeat(64),
  plaintextSha256: 'p'.repeat(64),
  sizeBytes: 11,
  encryptionScheme: 'aes-256-gcm',
  keyVersion: 1,
  priceCredits: 0,
  policy: { allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 3600, maxDownloads: 3 },
  status: 'active',
  createdAt: '2026-12-05T10:00:00.000Z',
  updatedAt: '2026-12-05T10:00:00.000Z',
};

describe('the chaincode API', () => {
  it('builds a call of every submit transaction in the table, and of every query', () => {
    const built = new Set(
      [
        ...Object.values(submitCalls).map((build) => (build as (...args: never[]) => { contract: string; transaction: string })(...([] as never[]))),
        ...Object.values(queryCalls).map((build) => (build as (...args: never[]) => { contract: string; transaction: string })(...([] as never[]))),
      ].map((call) => `${call.contract}:${call.transaction}`),
    );
    const table = Object.entries(CHAINCODE_TRANSACTIONS).flatMap(([contract, transactions]) => Object.keys(transactions).map((name) => `${contract}:${name}`));
    // GetRegulatorNotes and GetPing have no caller among the services yet
    expect([...table].filter((fn) => !built.has(fn)).sort()).toEqual(['supervision:GetRegulatorNotes', 'system:GetPing']);
    for (const fn of built) expect(table).toContain(fn);
  });

  it("serialises the chaincode's JSON arguments and keeps the others in the function's order", () => {
    expect(submitCalls.updateAssetMetadata('a-1', { priceCredits: 5 })).toMatchObject({ contract: 'asset', transaction: 'UpdateAssetMetadata', arguments: ['a-1', '{"priceCredits":5}'] });
    expect(submitCalls.mint('u-1', 250, 'opening balance').arguments).toEqual(['u-1', '250', 'opening balance']);
    expect(submitCalls.addRegulatorNote('n-1', 'asset', 'a-1', 'checked').arguments).toEqual(['n-1', 'asset', 'a-1', 'checked']);
    expect(queryCalls.queryAssets('{}', 25, '').arguments).toEqual(['{}', '25', '']);
  });

  it('parses a result into its record, and names the field when the chain answers another shape', () => {
    expect(parseChaincodeResult(submitCalls.registerAsset({ ...asset }), JSON.stringify(asset))).toEqual(asset);
    expect(() => parseChaincodeResult(queryCalls.getAsset('a-1'), JSON.stringify({ ...asset, status: 'vanished' }))).toThrow(/asset:GetAsset answered a shape .*status/);
    expect(() => parseChaincodeResult(queryCalls.getRequest('r-1'), JSON.stringify(asset))).toThrow(/access:GetRequest/);
  });
});

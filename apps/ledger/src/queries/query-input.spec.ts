import { describe, expect, it } from 'vitest';
import { LedgerError } from '../common/ledger-error.ts';
import type { LedgerRequest } from '../common/caller-guards.ts';
import { assetFilterJson, parseAssetQuery, parseId, queryCaller } from './query-input.ts';

/** The LedgerError a parse throws, so a test can check its code, status and sentence at once. */
function refusal(parse: () => unknown): LedgerError {
  try {
    parse();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('query input', () => {
  it('accepts ledger ids and refuses others with a 400 that names the field', () => {
    expect(parseId('assetId', 'asset-1:v2.x_y')).toBe('asset-1:v2.x_y');
    expect(parseId('txId', 'a'.repeat(128))).toBe('a'.repeat(128));
    for (const bad of ['', '-leading-dash', 'has space', 'a/b', 'a'.repeat(129), 'é']) {
      const error = refusal(() => parseId('assetId', bad));
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 });
      expect(error.message).toMatch(/^assetId must be 1 to 128 letters/);
    }
  });

  it('takes an absent user header as the service identity and requires a UUID otherwise', () => {
    const fromService = (headers: Record<string, string | string[]>) => queryCaller({ headers, caller: { kind: 'service', service: 'storage' } } as unknown as LedgerRequest);
    expect(fromService({})).toBeUndefined();
    expect(fromService({ 'x-gridledger-user': '0b6e3a52-8d3f-4c8e-9a55-3f0e6c1d2b7a', 'x-gridledger-attestation': 'a.b.c' })).toEqual({ userId: '0b6e3a52-8d3f-4c8e-9a55-3f0e6c1d2b7a', proof: { attestation: 'a.b.c' } });
    for (const bad of ['', 'alice', ['0b6e3a52-8d3f-4c8e-9a55-3f0e6c1d2b7a']]) {
      expect(refusal(() => fromService({ 'x-gridledger-user': bad }))).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'x-gridledger-user must be a user id (a UUID)' });
    }
  });

  it('reads as the user who brings their own token, and never as another', () => {
    const user = { id: '0b6e3a52-8d3f-4c8e-9a55-3f0e6c1d2b7a', mspId: 'GridMSP', role: 'owner' as const };
    const asUser = (headers: Record<string, string>) => queryCaller({ headers, caller: { kind: 'user', user, accessToken: 'user-jwt' } } as unknown as LedgerRequest);
    expect(asUser({})).toEqual({ userId: user.id, proof: { userAccessToken: 'user-jwt' } });
    expect(refusal(() => asUser({ 'x-gridledger-user': '1c6e3a52-8d3f-4c8e-9a55-3f0e6c1d2b7a' }))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  it('defaults the page to 20 assets from the start, with an empty filter', () => {
    const query = parseAssetQuery({});
    expect(query).toEqual({ pageSize: 20, bookmark: '' });
    expect(assetFilterJson(query)).toBe('{}');
  });

  it('puts only the given filter fields into the chaincode filter', () => {
    const query = parseAssetQuery({ ownerUid: 'u-1', sensitivity: 'critical', status: 'frozen', pageSize: '100', bookmark: '\u0000asset\u0000a-9\u0000' });
    expect(query).toMatchObject({ pageSize: 100, bookmark: '\u0000asset\u0000a-9\u0000' });
    expect(JSON.parse(assetFilterJson(query))).toEqual({ ownerUid: 'u-1', sensitivity: 'critical', status: 'frozen' });
    expect(JSON.parse(assetFilterJson(parseAssetQuery({ mspId: 'GridMSP', category: 'load-curve' })))).toEqual({ mspId: 'GridMSP', category: 'load-curve' });
  });

  it.each([
    [{ pageSize: '0' }, 'pageSize must be a whole number from 1 to 100'],
    [{ pageSize: '101' }, 'pageSize must be a whole number from 1 to 100'],
    [{ pageSize: '2.5' }, 'pageSize must be a whole number from 1 to 100'],
    [{ pageSize: 'ten' }, 'pageSize must be a whole number from 1 to 100'],
    [{ pageSize: ['5', '6'] }, 'pageSize must be given once, as text'],
    [{ sensitivity: 'secret' }, 'sensitivity must be one of public, internal, sensitive, critical'],
    [{ status: 'deleted' }, 'status must be one of active, frozen, retired'],
    [{ mspId: '1MSP' }, 'mspId must be an MSP id'],
    [{ ownerUid: 'a b' }, 'ownerUid must be 1 to 128 letters'],
    [{ bookmark: 'x'.repeat(2049) }, 'bookmark must be at most 2048 characters'],
    [{ owner: 'u-1' }, 'unknown query parameter owner: the asset list takes ownerUid, mspId'],
  ])('refuses the asset query %j with a sentence that names the field', (input, sentence) => {
    const error = refusal(() => parseAssetQuery(input));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 });
    expect(error.message).toContain(sentence);
  });
});

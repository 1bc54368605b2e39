import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { call, eventually, onboardUser, signIn, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * An owner publishes next month's load curve as the next version of the same data product:
 * storage checks the link against the chain before it stores a byte, the chaincode links the
 * versions, and the catalog lists them. Every refusal comes back with its code.
 */
describe('data products and their versions, on the real stack', () => {
  let endpoints: PlatformEndpoints;
  const token: Record<'owner' | 'otherOwner' | 'consumer', string> = { owner: '', otherOwner: '', consumer: '' };
  const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 2 };
  const month = (name: string, extra: Record<string, unknown> = {}) => ({ title: `Feeder 44 load curve, ${name}`, category: 'load-curve', sensitivity: 'internal', priceCredits: 5, policy, ...extra });
  const csv = (name: string) => Buffer.from(`t,kw\n${name},${Math.random()}\n`);
  const upload = async (as: keyof typeof token, metadata: unknown) => {
    const form = new FormData();
    form.append('metadata', JSON.stringify(metadata));
    form.append('file', new Blob([new Uint8Array(csv('x'))], { type: 'text/csv' }), 'f44.csv');
    const response = await fetch(`${endpoints.storageUrl}/files`, { method: 'POST', headers: { authorization: `Bearer ${token[as]}` }, body: form });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const onChain = async (assetId: string) => (await call(endpoints.ledgerUrl, 'GET', `/assets/${assetId}`, token.owner)).body;
  let october = '';
  let november = '';

  beforeAll(async () => {
    endpoints = startPlatformServices();
    const users = await Promise.all([onboardUser(endpoints, 'GridMSP', 'owner'), onboardUser(endpoints, 'GridMSP', 'owner'), onboardUser(endpoints, 'ConsumerMSP', 'consumer')]);
    const [owner = '', otherOwner = '', consumer = ''] = await Promise.all(users.map((user) => signIn(endpoints, user)));
    Object.assign(token, { owner, otherOwner, consumer });
    october = String((await uploadAndAnchor(endpoints, token.owner, month('October'), csv('october'), 'f44-10.csv'))['assetId']);
  }, 600_000);

  it('publishes the next version, linked on chain to the one before it', async () => {
    november = String((await uploadAndAnchor(endpoints, token.owner, month('November', { versionOf: october }), csv('november'), 'f44-11.csv'))['assetId']);
    expect(await onChain(october)).toMatchObject({ product: { id: october, version: 1, previousAssetId: null } });
    expect(await onChain(november)).toMatchObject({ title: 'Feeder 44 load curve, November', product: { id: october, version: 2, previousAssetId: october } });
    const lineage = await call(endpoints.ledgerUrl, 'GET', `/assets/${november}/lineage`, token.owner);
    expect(JSON.stringify(lineage.body)).toContain(`"previousAssetId":"${october}"`);
  });

  it('lists the versions of the product newest first in the catalog, and only the latest when asked', async () => {
    const versions = await eventually(
      () => call(endpoints.accessPolicyUrl, 'GET', `/catalog?productId=${october}&sort=version`, token.consumer),
      (a) => Number(a.body['total']) === 2,
      'both versions in the catalog',
    );
    const listed = versions.body['assets'] as { id: string; product: { version: number } }[];
    expect(listed.map((a) => [a.id, a.product.version])).toEqual([[november, 2], [october, 1]]);
    const latest = await call(endpoints.accessPolicyUrl, 'GET', `/catalog?q=${encodeURIComponent('Feeder 44')}&latestOnly=true&pageSize=100`, token.consumer);
    const ids = (latest.body['assets'] as { id: string }[]).map((a) => a.id);
    expect(ids).toContain(november);
    expect(ids).not.toContain(october);
  });

  it("refuses a version of someone else's product, of an unknown asset, or below the previous sensitivity, before storing anything", async () => {
    expect((await upload('otherOwner', month('December', { versionOf: november }))).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await upload('owner', month('December', { versionOf: 'no-such-asset' }))).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect((await upload('owner', month('December', { versionOf: november, sensitivity: 'public' }))).body).toMatchObject({ statusCode: 400, code: 'INVALID_METADATA' });
    expect((await upload('owner', month('December', { versionOf: '../etc' }))).body).toMatchObject({ statusCode: 400, code: 'INVALID_METADATA' });
    const versions = await call(endpoints.accessPolicyUrl, 'GET', `/catalog?productId=${october}`, token.consumer);
    expect(versions.body['total']).toBe(2);
  });

  it('lets the chain refuse a version that does not follow the latest one, and unpins its file', async () => {
    const stale = await upload('owner', month('December', { versionOf: october }));
    expect(stale.status, JSON.stringify(stale.body)).toBeLessThan(300);
    const settled = await eventually(() => call(endpoints.storageUrl, 'GET', `/files/${String(stale.body['assetId'])}`, token.owner), (a) => a.body['status'] !== 'pending', 'the stale version settled');
    expect(settled.body).toMatchObject({ status: 'rejected', rejection: { code: 'FAILED_PRECONDITION' } });
    expect(JSON.stringify(settled.body['rejection'])).toContain(`follows the latest, ${november}`);
  });
});

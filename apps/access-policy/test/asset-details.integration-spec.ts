import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { call, eventually, onboardUser, signIn, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';

/** An owner changes an asset's details and price and retires it, on chain through the access-policy service; the chain's refusals come back with their codes. */
describe("an owner's changes to an asset, on the real stack", () => {
  let endpoints: PlatformEndpoints;
  const token: Record<'owner' | 'otherOwner' | 'consumer' | 'regulator', string> = { owner: '', otherOwner: '', consumer: '', regulator: '' };
  let assetId: string;
  const details = (as: keyof typeof token, body: unknown) => call(endpoints.accessPolicyUrl, 'PATCH', `/assets/${assetId}/details`, token[as], body);
  const retire = (as: keyof typeof token, body: unknown) => call(endpoints.accessPolicyUrl, 'POST', `/assets/${assetId}/retire`, token[as], body);
  const onChain = async () => (await call(endpoints.ledgerUrl, 'GET', `/assets/${assetId}`, token.owner)).body;
  const inCatalog = (ready: (item: Record<string, unknown>) => boolean, what: string) =>
    eventually(
      () => call(endpoints.accessPolicyUrl, 'GET', `/catalog?q=${encodeURIComponent('Feeder 31')}&pageSize=100`, token.consumer),
      (a) => ((a.body['assets'] as Record<string, unknown>[] | undefined) ?? []).some((item) => item['id'] === assetId && ready(item)),
      what,
    );

  beforeAll(async () => {
    endpoints = startPlatformServices();
    const users = await Promise.all([onboardUser(endpoints, 'GridMSP', 'owner'), onboardUser(endpoints, 'GridMSP', 'owner'), onboardUser(endpoints, 'ConsumerMSP', 'consumer'), onboardUser(endpoints, 'RegulatorMSP', 'regulator')]);
    const [owner = '', otherOwner = '', consumer = '', regulator = ''] = await Promise.all(users.map((user) => signIn(endpoints, user)));
    Object.assign(token, { owner, otherOwner, consumer, regulator });
    const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 1 };
    const file = await uploadAndAnchor(endpoints, token.owner, { title: 'Feeder 31 load curve, November', category: 'load-curve', sensitivity: 'internal', priceCredits: 10, policy }, Buffer.from('t,kw\n1,2\n'), 'f31.csv');
    assetId = String(file['assetId']);
  }, 600_000);

  it('changes the title, description and price on chain, and the catalog follows', async () => {
    const changed = await details('owner', { title: 'Feeder 31 load curve, November 2026', description: '15-minute readings', priceCredits: 25 });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ asset: { id: assetId, title: 'Feeder 31 load curve, November 2026', description: '15-minute readings', priceCredits: 25, sensitivity: 'internal' }, txId: expect.any(String) });
    expect(await onChain()).toMatchObject({ title: 'Feeder 31 load curve, November 2026', priceCredits: 25 });
    await inCatalog((item) => item['title'] === 'Feeder 31 load curve, November 2026' && Number(item['priceCredits']) === 25, 'the new title and price in the catalog');
  });

  it('refuses anyone but the owner, a change of nothing, and lowering the sensitivity, and changes nothing', async () => {
    expect((await details('consumer', { title: 'mine' })).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await details('otherOwner', { title: 'mine' })).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await retire('otherOwner', { reason: 'mine' })).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await details('owner', {})).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    expect((await details('owner', { status: 'retired' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    expect((await retire('owner', { reason: '  ' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    // the chain's own rule, passed on with its code
    expect((await details('owner', { sensitivity: 'public' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT', message: expect.stringMatching(/sensitivity can only be raised/) });
    expect(await onChain()).toMatchObject({ title: 'Feeder 31 load curve, November 2026', sensitivity: 'internal', status: 'active' });
  });

  it('refuses changes while the regulator has the asset frozen', async () => {
    expect((await call(endpoints.accessPolicyUrl, 'POST', `/supervision/assets/${assetId}/freeze`, token.regulator, { reason: 'meter audit' })).status).toBeLessThan(300);
    expect((await details('owner', { priceCredits: 1 })).body).toMatchObject({ statusCode: 403, code: 'FROZEN' });
    expect((await call(endpoints.accessPolicyUrl, 'POST', `/supervision/assets/${assetId}/unfreeze`, token.regulator, { reason: 'audit done' })).status).toBeLessThan(300);
    expect(await onChain()).toMatchObject({ priceCredits: 25, status: 'active' });
  });

  it('retires the asset once, with its reason in the lineage; a retired asset takes no more changes', async () => {
    const retired = await retire('owner', { reason: 'superseded by the December file' });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect(retired.body).toMatchObject({ asset: { id: assetId, status: 'retired' }, txId: expect.any(String) });
    expect((await retire('owner', { reason: 'again' })).body).toMatchObject({ statusCode: 409, code: 'FAILED_PRECONDITION' });
    expect((await details('owner', { title: 'too late' })).body).toMatchObject({ statusCode: 409, code: 'FAILED_PRECONDITION' });
    const lineage = await call(endpoints.ledgerUrl, 'GET', `/assets/${assetId}/lineage`, token.owner);
    expect(JSON.stringify(lineage.body)).toContain('superseded by the December file');
    await inCatalog((item) => item['status'] === 'retired', 'the retirement in the catalog');
  });
});

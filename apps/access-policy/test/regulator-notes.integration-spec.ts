import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { call, eventually, onboardUser, signIn, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';

/** A regulator's note goes on chain through the access-policy service, signed by the regulator, and joins the asset's lineage. */
describe('regulator notes, on the real stack', () => {
  let endpoints: PlatformEndpoints;
  const token: Record<'owner' | 'regulator', string> = { owner: '', regulator: '' };
  let assetId: string;
  let ownerId: string;
  const note = (as: 'owner' | 'regulator', body: unknown) => call(endpoints.accessPolicyUrl, 'POST', '/supervision/notes', token[as], body);

  beforeAll(async () => {
    endpoints = startPlatformServices();
    const [owner, regulator] = await Promise.all([onboardUser(endpoints, 'GridMSP', 'owner'), onboardUser(endpoints, 'RegulatorMSP', 'regulator')]);
    ownerId = owner.id;
    token.owner = await signIn(endpoints, owner);
    token.regulator = await signIn(endpoints, regulator);
    const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 1 };
    const file = await uploadAndAnchor(endpoints, token.owner, { title: 'Substation 7 measurements', category: 'substation-measurement', sensitivity: 'internal', priceCredits: 0, policy }, Buffer.from('t,v\n1,2\n'), 's7.csv');
    assetId = String(file['assetId']);
  }, 600_000);

  it("writes a note on an asset, and the asset's lineage shows it with its text and its regulator signer", async () => {
    const written = await note('regulator', { subjectType: 'asset', subjectId: assetId, text: 'Hashes checked after a tampering report; they match.' });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    expect(written.body).toMatchObject({ subjectType: 'asset', subjectId: assetId, noteId: expect.any(String), txId: expect.any(String) });
    const lineage = await eventually(
      () => call(endpoints.ledgerUrl, 'GET', `/assets/${assetId}/lineage`, token.regulator),
      (a) => JSON.stringify(a.body).includes('RegulatorNoteAdded'),
      'the note in the lineage',
    );
    const entry = (lineage.body['entries'] as { action: string; signer: { mspId: string }; data: Record<string, unknown> }[]).find((e) => e.action === 'RegulatorNoteAdded');
    expect(entry).toMatchObject({ signer: { mspId: 'RegulatorMSP' }, data: { text: 'Hashes checked after a tampering report; they match.', noteId: written.body['noteId'] } });
  });

  it('writes a note on a user', async () => {
    expect((await note('regulator', { subjectType: 'user', subjectId: ownerId, text: 'Asked to confirm the meter serials.' })).status).toBe(201);
  });

  it('refuses anyone but a regulator, an empty note, an unknown subject type and an asset that does not exist, with codes', async () => {
    expect((await note('owner', { subjectType: 'asset', subjectId: assetId, text: 'mine' })).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await note('regulator', { subjectType: 'asset', subjectId: assetId, text: '   ' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    expect((await note('regulator', { subjectType: 'organisation', subjectId: 'GridMSP', text: 'x' })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    expect((await note('regulator', { subjectType: 'asset', subjectId: 'no-such-asset', text: 'x' })).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});

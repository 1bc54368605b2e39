import { actors, expectEvent, expectRefusal, setup } from '../test-support/fixtures.ts';
import { FakeIdentity, platformIdentity } from '../test-support/fabric-fake.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LineageEntry } from '../events.ts';
import { KEY } from '../keys.ts';

const { alice, bob, rita, rex, gridAdmin, consumerAdmin, peer } = actors;
const regulatorAdmin = platformIdentity('RegulatorMSP', 'admin', 'reg-admin');
const ritaSigner = { mspId: 'RegulatorMSP', uid: 'rita', role: 'regulator' };
/** Everyone who must not supervise: other roles, other organisations' "regulators", RegulatorMSP's admin. */
const notRegulators: [string, FakeIdentity][] = [['an owner', alice], ['a consumer', bob], ['an admin', gridAdmin], ['a regulator of another organisation', rex], ['an admin of RegulatorMSP', regulatorAdmin]];

describe('SupervisionContract', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(async () => {
    t = setup();
    await t.register(alice, 'a1');
  });

  describe('FreezeAsset and UnfreezeAsset', () => {
    it('freezes an active asset, moves its status index and emits AssetFrozen', async () => {
      const outcome = await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'suspected personal data');
      expect(outcome.result).toMatchObject({ id: 'a1', status: 'frozen', updatedAt: new Date(outcome.time).toISOString() });
      expect(t.storedAsset('a1')?.status).toBe('frozen');
      expect(t.world.committed(t.world.compositeKey(KEY.assetByStatus, 'frozen', 'a1'))).toBeDefined();
      expect(t.world.committed(t.world.compositeKey(KEY.assetByStatus, 'active', 'a1'))).toBeUndefined();
      expect(expectEvent(outcome, 'AssetFrozen', { assetId: 'a1' }, rita)).toEqual({ reason: 'suspected personal data', by: ritaSigner });
    });

    it('unfreezes a frozen asset back to active and emits AssetUnfrozen', async () => {
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'audit');
      const outcome = await t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'a1', 'audit passed');
      expect(outcome.result).toMatchObject({ status: 'active' });
      expect(t.world.committed(t.world.compositeKey(KEY.assetByStatus, 'active', 'a1'))).toBeDefined();
      expect(t.world.committed(t.world.compositeKey(KEY.assetByStatus, 'frozen', 'a1'))).toBeUndefined();
      expect(expectEvent(outcome, 'AssetUnfrozen', { assetId: 'a1' }, rita)).toEqual({ reason: 'audit passed', by: ritaSigner });
    });

    it('freezes only active assets and unfreezes only frozen ones', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'a1', 'x'), 'FAILED_PRECONDITION', /asset a1 is active, not frozen/);
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'audit');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'again'), 'FAILED_PRECONDITION', /asset a1 is frozen; only an active asset can be frozen/);
      await t.register(alice, 'a2');
      await t.world.invoke(t.assets, 'RetireAsset', alice, 'a2', 'old');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a2', 'x'), 'FAILED_PRECONDITION', /is retired/);
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'a2', 'x'), 'FAILED_PRECONDITION', /is retired, not frozen/);
    });

    it('refuses a missing reason, an unknown asset and a malformed id', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', ''), 'INVALID_ARGUMENT', /reason/);
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'r'.repeat(501)), 'INVALID_ARGUMENT', /reason/);
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a9', 'x'), 'NOT_FOUND');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeAsset', rita, '', 'x'), 'INVALID_ARGUMENT');
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'audit');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'UnfreezeAsset', rita, 'a1', ''), 'INVALID_ARGUMENT', /reason/);
    });

    it.each(notRegulators)('refuses %s', async (_label, caller) => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeAsset', caller, 'a1', 'x'), 'FORBIDDEN');
      await t.world.invoke(t.supervision, 'FreezeAsset', rita, 'a1', 'audit');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'UnfreezeAsset', caller, 'a1', 'x'), 'FORBIDDEN');
    });

    it('refuses node identities', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeAsset', peer, 'a1', 'x'), 'UNAUTHENTICATED');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeAsset', new FakeIdentity('RegulatorMSP'), 'a1', 'x'), 'UNAUTHENTICATED');
    });
  });

  describe('FreezeUser and UnfreezeUser', () => {
    it('freezes a user with a record of who, why and when, and emits UserFrozen', async () => {
      const outcome = await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud report 17');
      const freeze = { docType: 'user-freeze', uid: 'bob', reason: 'fraud report 17', by: 'rita', at: new Date(outcome.time).toISOString(), txId: outcome.txId };
      expect(outcome.result).toEqual(freeze);
      expect(t.world.read(t.world.compositeKey(KEY.userFreeze, 'bob'))).toEqual(freeze);
      expect(expectEvent(outcome, 'UserFrozen', { uid: 'bob' }, rita)).toEqual({ reason: 'fraud report 17', by: ritaSigner });
      expect(t.world.values<LineageEntry>(KEY.lineage).map((e) => e.action)).toEqual(['AssetRegistered']);
    });

    it('unfreezes a frozen user and emits UserUnfrozen', async () => {
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud');
      const outcome = await t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'bob', 'cleared');
      expect(outcome.result).toEqual({ uid: 'bob', frozen: false });
      expect(t.world.committed(t.world.compositeKey(KEY.userFreeze, 'bob'))).toBeUndefined();
      expect(expectEvent(outcome, 'UserUnfrozen', { uid: 'bob' }, rita)).toEqual({ reason: 'cleared', by: ritaSigner });
    });

    it('refuses freezing oneself, freezing twice and unfreezing someone not frozen', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeUser', rita, 'rita', 'x'), 'FAILED_PRECONDITION', /cannot freeze themselves/);
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'bob', 'x'), 'FAILED_PRECONDITION', /user bob is not frozen/);
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'again'), 'FAILED_PRECONDITION', /user bob is already frozen/);
    });

    it('refuses a missing reason and a malformed uid', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', ''), 'INVALID_ARGUMENT', /reason/);
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob/1', 'x'), 'INVALID_ARGUMENT', /uid/);
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'UnfreezeUser', rita, 'bob', ''), 'INVALID_ARGUMENT', /reason/);
    });

    it.each(notRegulators)('refuses %s', async (_label, caller) => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'FreezeUser', caller, 'carol', 'x'), 'FORBIDDEN');
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'carol', 'audit');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'UnfreezeUser', caller, 'carol', 'x'), 'FORBIDDEN');
    });

    it('stops a frozen user acting while they can still read', async () => {
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'alice', 'audit');
      await expectRefusal(t.world, () => t.register(alice, 'a2'), 'FROZEN');
      expect(await t.world.evaluate(t.assets, 'GetAsset', alice, 'a1')).toMatchObject({ id: 'a1' });
    });
  });

  describe('AddRegulatorNote and GetRegulatorNotes', () => {
    it('adds a note on an asset, which joins the asset\'s lineage', async () => {
      const outcome = await t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n1', 'asset', 'a1', 'Checked the anonymisation.');
      const note = { docType: 'regulator-note', id: 'n1', subjectType: 'asset', subjectId: 'a1', text: 'Checked the anonymisation.', by: ritaSigner, at: new Date(outcome.time).toISOString(), txId: outcome.txId };
      expect(outcome.result).toEqual(note);
      expect(t.world.read(t.world.compositeKey(KEY.note, 'asset', 'a1', 'n1'))).toEqual(note);
      expect(expectEvent(outcome, 'RegulatorNoteAdded', { assetId: 'a1' }, rita)).toEqual({ noteId: 'n1', subjectType: 'asset', subjectId: 'a1', text: 'Checked the anonymisation.' });
      expect(t.world.values<LineageEntry>(KEY.lineage, 'a1').map((e) => e.action)).toEqual(['AssetRegistered', 'RegulatorNoteAdded']);
    });

    it('adds a note on a request, which joins the lineage of the request\'s asset with the request id', async () => {
      await t.mint(consumerAdmin, 'bob', 500);
      await t.request(bob, 'r1', 'a1');
      const outcome = await t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n1', 'request', 'r1', 'Purpose reviewed.');
      expect(expectEvent(outcome, 'RegulatorNoteAdded', { assetId: 'a1', requestId: 'r1' }, rita)).toEqual({ noteId: 'n1', subjectType: 'request', subjectId: 'r1', text: 'Purpose reviewed.' });
      expect(t.world.read(t.world.compositeKey(KEY.note, 'request', 'r1', 'n1'))).toMatchObject({ subjectType: 'request', subjectId: 'r1' });
      expect(t.world.values<LineageEntry>(KEY.lineage, 'a1').map((e) => [e.action, e.requestId])).toEqual([['AssetRegistered', null], ['AccessRequested', 'r1'], ['RegulatorNoteAdded', 'r1']]);
    });

    it('adds a note on a user, without checking the user and without lineage', async () => {
      const outcome = await t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n1', 'user', 'someone-new', 'Identity verified.');
      expectEvent(outcome, 'RegulatorNoteAdded', { uid: 'someone-new' }, rita);
      expect(t.world.values(KEY.note)).toHaveLength(1);
      expect(t.world.values(KEY.lineage)).toHaveLength(1);
    });

    it('refuses a reused note id on the same subject', async () => {
      await t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n1', 'asset', 'a1', 'first');
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n1', 'asset', 'a1', 'second'), 'ALREADY_EXISTS', /note n1 already exists/);
      expect(t.world.read(t.world.compositeKey(KEY.note, 'asset', 'a1', 'n1'))).toMatchObject({ text: 'first' });
    });

    it.each<[string, string, string, string, string]>([
      ['an unknown subject type', 'n1', 'contract', 'a1', 'x'],
      ['a malformed note id', 'n 1', 'asset', 'a1', 'x'],
      ['a malformed subject id', 'n1', 'user', 'bob smith', 'x'],
      ['an empty text', 'n1', 'asset', 'a1', ''],
      ['an oversize text', 'n1', 'asset', 'a1', 't'.repeat(4001)],
    ])('refuses %s as INVALID_ARGUMENT', async (_label, noteId, type, subject, text) => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'AddRegulatorNote', rita, noteId, type, subject, text), 'INVALID_ARGUMENT');
    });

    it('refuses a note on an asset or a request that does not exist', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n1', 'asset', 'a9', 'x'), 'NOT_FOUND', /asset a9 does not exist/);
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n1', 'request', 'r9', 'x'), 'NOT_FOUND', /request r9 does not exist/);
    });

    it.each(notRegulators)('refuses notes from %s, and shows them no notes', async (_label, caller) => {
      await expectRefusal(t.world, () => t.world.invoke(t.supervision, 'AddRegulatorNote', caller, 'n1', 'asset', 'a1', 'x'), 'FORBIDDEN');
      await t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n1', 'asset', 'a1', 'x');
      await expectRefusal(t.world, () => t.world.evaluate(t.supervision, 'GetRegulatorNotes', caller, 'asset', 'a1'), 'FORBIDDEN');
    });

    it('lists a subject\'s notes in id order, to regulators only', async () => {
      await t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n2', 'asset', 'a1', 'second');
      await t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n1', 'asset', 'a1', 'first');
      await t.world.invoke(t.supervision, 'AddRegulatorNote', rita, 'n3', 'user', 'a1', 'a user called a1');
      const notes = (await t.world.evaluate(t.supervision, 'GetRegulatorNotes', rita, 'asset', 'a1')) as unknown as { id: string; text: string }[];
      expect(notes.map((n) => [n.id, n.text])).toEqual([['n1', 'first'], ['n2', 'second']]);
      expect(await t.world.evaluate(t.supervision, 'GetRegulatorNotes', rita, 'request', 'r1')).toEqual([]);
      await expectRefusal(t.world, () => t.world.evaluate(t.supervision, 'GetRegulatorNotes', rita, 'bogus', 'a1'), 'INVALID_ARGUMENT');
      await expectRefusal(t.world, () => t.world.evaluate(t.supervision, 'GetRegulatorNotes', consumerAdmin, 'asset', 'a1'), 'FORBIDDEN');
      await expectRefusal(t.world, () => t.world.evaluate(t.supervision, 'GetRegulatorNotes', peer, 'asset', 'a1'), 'UNAUTHENTICATED');
    });
  });
});

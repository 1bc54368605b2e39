import { actors, expectCreditsConserved, expectEvent, expectRefusal, setup } from '../test-support/fixtures.ts';
import { platformIdentity } from '../test-support/fabric-fake.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { KEY } from '../keys.ts';
import { MAX_MINT } from './settlement.contract.ts';

const { alice, bob, carol, rita, rex, gridAdmin, consumerAdmin, peer } = actors;

describe('SettlementContract', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  describe('Mint', () => {
    it('credits a user of the admin\'s own organisation, keeps a mint record and emits CreditsMinted', async () => {
      const outcome = await t.world.invoke(t.settlement, 'Mint', consumerAdmin, 'bob', '250', 'pilot budget');
      const account = { docType: 'account', uid: 'bob', mspId: 'ConsumerMSP', balance: 250, escrowed: 0, minted: 250 };
      expect(outcome.result).toEqual(account);
      expect(t.account('bob')).toEqual(account);
      expect(t.world.read(t.world.compositeKey(KEY.mint, outcome.txId))).toEqual({
        docType: 'mint', txId: outcome.txId, to: { mspId: 'ConsumerMSP', uid: 'bob' }, amount: 250, memo: 'pilot budget',
        by: { mspId: 'ConsumerMSP', uid: 'consumer-admin', role: 'admin' }, at: new Date(outcome.time).toISOString(),
      });
      const data = expectEvent(outcome, 'CreditsMinted', { uid: 'bob' }, consumerAdmin);
      expect(data).toEqual({ to: { mspId: 'ConsumerMSP', uid: 'bob' }, amount: 250, memo: 'pilot budget', balance: 250 });
      expect(t.world.values(KEY.lineage)).toEqual([]);
    });

    it('adds up repeated mints, with or without a memo, up to the maximum per mint', async () => {
      await t.world.invoke(t.settlement, 'Mint', consumerAdmin, 'bob', '1', '');
      const outcome = await t.world.invoke(t.settlement, 'Mint', consumerAdmin, 'bob', String(MAX_MINT), '');
      expect(outcome.result).toMatchObject({ balance: MAX_MINT + 1, minted: MAX_MINT + 1 });
      expect(outcome.event?.payload.data['memo']).toBe('');
      expect(t.world.values(KEY.mint)).toHaveLength(2);
      expectCreditsConserved(t.world);
    });

    it('lets an admin credit themselves', async () => {
      expect((await t.world.invoke(t.settlement, 'Mint', gridAdmin, 'grid-admin', '5', 'x')).result).toMatchObject({ uid: 'grid-admin', mspId: 'GridMSP', balance: 5 });
    });

    it.each([['0'], ['-5'], [String(MAX_MINT + 1)], ['1.5'], ['1e3'], ['ten'], ['']])('refuses the amount %j as INVALID_ARGUMENT', async (amount) => {
      await expectRefusal(t.world, () => t.world.invoke(t.settlement, 'Mint', consumerAdmin, 'bob', amount, ''), 'INVALID_ARGUMENT', /amount/);
      expect(t.world.snapshot()).toEqual({});
    });

    it('refuses a malformed uid and an oversize memo', async () => {
      await expectRefusal(t.world, () => t.world.invoke(t.settlement, 'Mint', consumerAdmin, 'bob smith', '5', ''), 'INVALID_ARGUMENT', /uid/);
      await expectRefusal(t.world, () => t.world.invoke(t.settlement, 'Mint', consumerAdmin, 'bob', '5', 'm'.repeat(201)), 'INVALID_ARGUMENT', /memo must be 0 to 200/);
    });

    it('refuses every role but admin', async () => {
      for (const caller of [alice, bob, rita, rex]) {
        await expectRefusal(t.world, () => t.world.invoke(t.settlement, 'Mint', caller, caller.getAttributeValue('gridledger.uid') ?? '', '100', ''), 'FORBIDDEN', /needs the role admin/);
      }
      await expectRefusal(t.world, () => t.world.invoke(t.settlement, 'Mint', peer, 'bob', '100', ''), 'UNAUTHENTICATED');
      await expectRefusal(t.world, () => t.world.invoke(t.settlement, 'Mint', actors.noUid, 'bob', '100', ''), 'UNAUTHENTICATED');
    });

    it('refuses to credit an account of another organisation', async () => {
      await t.mint(consumerAdmin, 'bob', 10);
      await expectRefusal(t.world, () => t.world.invoke(t.settlement, 'Mint', gridAdmin, 'bob', '1000', 'gift'), 'FORBIDDEN', /account bob belongs to ConsumerMSP, not GridMSP/);
      expect(t.account('bob')).toMatchObject({ balance: 10, minted: 10, mspId: 'ConsumerMSP' });
    });

    it('refuses to credit a frozen user', async () => {
      await t.world.invoke(t.supervision, 'FreezeUser', rita, 'bob', 'fraud');
      await expectRefusal(t.world, () => t.world.invoke(t.settlement, 'Mint', consumerAdmin, 'bob', '10', ''), 'FROZEN', /user bob is frozen by the regulator: fraud/);
    });
  });

  describe('GetAccount', () => {
    it('does not show an account to a same-uid user of another organisation', async () => {
      await t.world.invoke(t.settlement, 'Mint', consumerAdmin, 'bob', '300', 'budget');
      await expectRefusal(t.world, () => t.world.evaluate(t.settlement, 'GetAccount', platformIdentity('GridMSP', 'consumer', 'bob'), 'bob'), 'FORBIDDEN');
    });

    beforeEach(async () => {
      await t.mint(consumerAdmin, 'bob', 300);
    });

    it('shows a balance to its user, their organisation\'s admins and the regulator', async () => {
      const account = { docType: 'account', uid: 'bob', mspId: 'ConsumerMSP', balance: 300, escrowed: 0, minted: 300 };
      for (const caller of [bob, consumerAdmin, rita]) expect(await t.world.evaluate(t.settlement, 'GetAccount', caller, 'bob')).toEqual(account);
    });

    it('shows a user without an account an empty one of their organisation', async () => {
      expect(await t.world.evaluate(t.settlement, 'GetAccount', carol, 'carol')).toEqual({ docType: 'account', uid: 'carol', mspId: 'ConsumerMSP', balance: 0, escrowed: 0, minted: 0 });
    });

    it('hides a balance from other users, admins of other organisations and regulators of other organisations', async () => {
      for (const caller of [carol, alice, gridAdmin, rex, platformIdentity('ConsumerMSP', 'owner', 'olivia')]) {
        await expectRefusal(t.world, () => t.world.evaluate(t.settlement, 'GetAccount', caller, 'bob'), 'FORBIDDEN', /visible to its user, their organisation admins and regulators/);
      }
      await expectRefusal(t.world, () => t.world.evaluate(t.settlement, 'GetAccount', peer, 'bob'), 'UNAUTHENTICATED');
      await expectRefusal(t.world, () => t.world.evaluate(t.settlement, 'GetAccount', bob, '-bob'), 'INVALID_ARGUMENT');
    });
  });
});

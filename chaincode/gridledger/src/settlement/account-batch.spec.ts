import type { Account } from '@gridledger/domain';
import { World } from '../test-support/fabric-fake.ts';
import { actors } from '../test-support/fixtures.ts';
import type { Context } from 'fabric-contract-api';
import { describe, expect, it } from 'vitest';
import { AccountBatch } from './account-batch.ts';
import { holdEscrow, mint } from './accounts.ts';

const owner = { mspId: 'GridMSP', uid: 'alice' };
const bob = { mspId: 'ConsumerMSP', uid: 'bob' };
const carol = { mspId: 'ConsumerMSP', uid: 'carol' };

/** The batch as transactions of a tiny contract, so each runs on Fabric's rules: no reading one's own writes. */
const bank = {
  async Fund(ctx: Context): Promise<string> {
    await mint(ctx, bob, 50);
    await mint(ctx, carol, 50);
    return '{}';
  },
  async Hold(ctx: Context): Promise<string> {
    await holdEscrow(ctx, bob, 30);
    await holdEscrow(ctx, carol, 30);
    return '{}';
  },
  async PayTwice(ctx: Context): Promise<string> {
    const batch = new AccountBatch(ctx);
    await batch.releaseEscrow(bob, 10, owner);
    await batch.releaseEscrow(carol, 10, owner);
    await batch.releaseEscrow(bob, 20, bob);
    await batch.commit();
    return '{}';
  },
  async Overdraw(ctx: Context): Promise<string> {
    const batch = new AccountBatch(ctx);
    await batch.transfer(owner, bob, 15, 'a refund');
    await batch.transfer(owner, bob, 15, 'a refund');
    await batch.commit();
    return '{}';
  },
};

describe('AccountBatch', () => {
  it('applies every change to one account in one transaction, where separate updates would lose all but the last', async () => {
    const world = new World();
    const admin = actors.consumerAdmin;
    for (const step of ['Fund', 'Hold', 'PayTwice'] as const) await world.invoke(bank, step, admin);
    const read = (uid: string) => world.read<Account>(world.compositeKey('account', uid));
    expect(read('alice')).toMatchObject({ balance: 20, escrowed: 0 });
    expect(read('bob')).toMatchObject({ balance: 40, escrowed: 0 });
    expect(read('carol')).toMatchObject({ balance: 20, escrowed: 20 });
  });

  it('checks each change against the balance the earlier ones left, and writes nothing when one fails', async () => {
    const world = new World();
    for (const step of ['Fund', 'Hold', 'PayTwice'] as const) await world.invoke(bank, step, actors.consumerAdmin);
    const before = world.snapshot();
    await expect(world.invoke(bank, 'Overdraw', actors.consumerAdmin)).rejects.toThrow(/INSUFFICIENT_FUNDS: a refund needs 15 credits from alice, who has 5/);
    expect(world.snapshot()).toEqual(before);
  });
});

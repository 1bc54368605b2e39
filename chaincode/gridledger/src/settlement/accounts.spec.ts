import type { Account } from '@gridledger/domain';
import { actors, expectRefusal } from '../test-support/fixtures.ts';
import { World } from '../test-support/fabric-fake.ts';
import type { Context } from 'fabric-contract-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountKey, holdEscrow, loadAccount, mint, releaseEscrow, transfer } from './accounts.ts';

const party = (spec: string) => {
  const [mspId = '', uid = ''] = spec.split('/');
  return { mspId, uid };
};

/** The account primitives as transactions, with parties written "MSP/uid". */
const bank = {
  async Mint(ctx: Context, to: string, amount: string): Promise<string> {
    return JSON.stringify(await mint(ctx, party(to), Number(amount)));
  },
  async Hold(ctx: Context, who: string, amount: string): Promise<string> {
    await holdEscrow(ctx, party(who), Number(amount));
    return '{}';
  },
  async Release(ctx: Context, from: string, amount: string, to: string): Promise<string> {
    await releaseEscrow(ctx, party(from), Number(amount), party(to));
    return '{}';
  },
  async Transfer(ctx: Context, from: string, to: string, amount: string): Promise<string> {
    await transfer(ctx, party(from), party(to), Number(amount), 'a test transfer');
    return '{}';
  },
  async Load(ctx: Context, who: string): Promise<string> {
    return JSON.stringify(await loadAccount(ctx, party(who)));
  },
};

describe('account primitives', () => {
  let world: World;
  const account = (uid: string) => world.read<Account>(world.compositeKey('account', uid));
  const load = (who: string) => world.invoke(bank, 'Load', actors.bob, who);
  const send = (from: string, to: string, amount: string) => world.invoke(bank, 'Transfer', actors.bob, from, to, amount);

  beforeEach(async () => {
    world = new World();
    await world.invoke(bank, 'Mint', actors.gridAdmin, 'ConsumerMSP/bob', '100');
  });

  it('stores accounts under the account key of the uid', async () => {
    const key = (await world.invoke({ async K(ctx: Context) { return JSON.stringify(accountKey(ctx, 'bob')); } }, 'K', actors.bob)).result;
    expect(key).toBe(world.compositeKey('account', 'bob'));
    expect(account('bob')).toEqual({ docType: 'account', uid: 'bob', mspId: 'ConsumerMSP', balance: 100, escrowed: 0, minted: 100 });
  });

  it('gives an empty account to a user without one, and refuses a uid held by another organisation', async () => {
    expect((await load('GridMSP/dave')).result).toEqual({ docType: 'account', uid: 'dave', mspId: 'GridMSP', balance: 0, escrowed: 0, minted: 0 });
    await expectRefusal(world, () => load('GridMSP/bob'), 'FORBIDDEN', /account bob belongs to ConsumerMSP, not GridMSP/);
  });

  it('holds and releases escrow without creating or destroying credits', async () => {
    await world.invoke(bank, 'Hold', actors.bob, 'ConsumerMSP/bob', '60');
    expect(account('bob')).toMatchObject({ balance: 40, escrowed: 60 });
    await world.invoke(bank, 'Release', actors.bob, 'ConsumerMSP/bob', '20', 'ConsumerMSP/bob');
    expect(account('bob')).toMatchObject({ balance: 60, escrowed: 40 });
    await world.invoke(bank, 'Release', actors.bob, 'ConsumerMSP/bob', '40', 'GridMSP/alice');
    expect(account('bob')).toMatchObject({ balance: 60, escrowed: 0 });
    expect(account('alice')).toMatchObject({ mspId: 'GridMSP', balance: 40, escrowed: 0, minted: 0 });
  });

  it('never lets a balance or an escrow go below zero', async () => {
    await expectRefusal(world, () => world.invoke(bank, 'Hold', actors.bob, 'ConsumerMSP/bob', '101'), 'INSUFFICIENT_FUNDS', /costs 101 credits and bob has 100/);
    await world.invoke(bank, 'Hold', actors.bob, 'ConsumerMSP/bob', '30');
    await expectRefusal(world, () => world.invoke(bank, 'Release', actors.bob, 'ConsumerMSP/bob', '31', 'GridMSP/alice'), 'FAILED_PRECONDITION', /escrow of bob holds 30, less than 31/);
    await expectRefusal(world, () => send('ConsumerMSP/bob', 'GridMSP/alice', '71'), 'INSUFFICIENT_FUNDS', /a test transfer needs 71 credits from bob, who has 70/);
  });

  it('transfers between accounts, and does nothing at all for zero', async () => {
    await send('ConsumerMSP/bob', 'GridMSP/alice', '70');
    expect([account('bob')?.balance, account('alice')?.balance]).toEqual([30, 70]);
    const before = world.snapshot();
    await send('GridMSP/nobody', 'GridMSP/alice', '0');
    await world.invoke(bank, 'Hold', actors.bob, 'GridMSP/nobody', '0');
    await world.invoke(bank, 'Release', actors.bob, 'GridMSP/nobody', '0', 'GridMSP/alice');
    expect(world.snapshot()).toEqual(before);
  });
});

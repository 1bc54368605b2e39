import type { Account, PartyRef } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors.ts';
import { KEY, key } from '../keys.ts';
import { readJson, writeJson } from '../state.ts';

export const accountKey = (ctx: Context, uid: string): string => key(ctx, KEY.account, uid);

export async function loadAccount(ctx: Context, party: PartyRef): Promise<Account> {
  const account = await readJson<Account>(ctx, accountKey(ctx, party.uid));
  if (!account) return { docType: 'account', uid: party.uid, mspId: party.mspId, balance: 0, escrowed: 0, minted: 0 };
  if (account.mspId !== party.mspId) {
    throw new ChaincodeError('FORBIDDEN', `account ${party.uid} belongs to ${account.mspId}, not ${party.mspId}`);
  }
  return account;
}

const save = (ctx: Context, account: Account): Promise<void> => writeJson(ctx, accountKey(ctx, account.uid), account);

/** Moves the price from the consumer's balance into escrow; never below zero. */
export async function holdEscrow(ctx: Context, consumer: PartyRef, amount: number): Promise<void> {
  if (amount === 0) return;
  const account = await loadAccount(ctx, consumer);
  if (account.balance < amount) {
    throw new ChaincodeError('INSUFFICIENT_FUNDS', `the request costs ${amount} credits and ${consumer.uid} has ${account.balance}`);
  }
  await save(ctx, { ...account, balance: account.balance - amount, escrowed: account.escrowed + amount });
}

/** Settles a held escrow: to the owner on a grant, back to the consumer on rejection or expiry. */
export async function releaseEscrow(ctx: Context, consumer: PartyRef, amount: number, to: PartyRef): Promise<void> {
  if (amount === 0) return;
  const from = await loadAccount(ctx, consumer);
  if (from.escrowed < amount) throw new ChaincodeError('FAILED_PRECONDITION', `escrow of ${consumer.uid} holds ${from.escrowed}, less than ${amount}`);
  if (to.uid === consumer.uid) {
    await save(ctx, { ...from, escrowed: from.escrowed - amount, balance: from.balance + amount });
    return;
  }
  await save(ctx, { ...from, escrowed: from.escrowed - amount });
  const recipient = await loadAccount(ctx, to);
  await save(ctx, { ...recipient, balance: recipient.balance + amount });
}

/** A direct transfer (a refund for a grant revoked before use); never below zero. */
export async function transfer(ctx: Context, from: PartyRef, to: PartyRef, amount: number, why: string): Promise<void> {
  if (amount === 0) return;
  const source = await loadAccount(ctx, from);
  if (source.balance < amount) {
    throw new ChaincodeError('INSUFFICIENT_FUNDS', `${why} needs ${amount} credits from ${from.uid}, who has ${source.balance}`);
  }
  await save(ctx, { ...source, balance: source.balance - amount });
  const target = await loadAccount(ctx, to);
  await save(ctx, { ...target, balance: target.balance + amount });
}

export async function mint(ctx: Context, party: PartyRef, amount: number): Promise<Account> {
  const account = await loadAccount(ctx, party);
  const next = { ...account, balance: account.balance + amount, minted: account.minted + amount };
  await save(ctx, next);
  return next;
}

import type { Account, PartyRef } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors.ts';
import { writeJson } from '../state.ts';
import { accountKey, loadAccount } from './accounts.ts';

/**
 * Several account changes in one transaction. Fabric does not let a transaction read its own
 * writes: two updates of one account through loadAccount would each start from the committed
 * balance, and the second would undo the first (a version published to two subscribers would pay
 * its owner once). A batch reads each account once, applies every change to that copy, and
 * writes each account once, on commit.
 */
export class AccountBatch {
  private readonly accounts = new Map<string, Account>();

  constructor(private readonly ctx: Context) {}

  /** Settles part of a held escrow: to `to`, or back to the consumer's balance. */
  async releaseEscrow(consumer: PartyRef, amount: number, to: PartyRef): Promise<void> {
    if (amount === 0) return;
    const from = await this.account(consumer);
    if (from.escrowed < amount) throw new ChaincodeError('FAILED_PRECONDITION', `escrow of ${consumer.uid} holds ${from.escrowed}, less than ${amount}`);
    from.escrowed -= amount;
    (await this.account(to)).balance += amount;
  }

  async transfer(from: PartyRef, to: PartyRef, amount: number, why: string): Promise<void> {
    if (amount === 0) return;
    const source = await this.account(from);
    if (source.balance < amount) throw new ChaincodeError('INSUFFICIENT_FUNDS', `${why} needs ${amount} credits from ${from.uid}, who has ${source.balance}`);
    source.balance -= amount;
    (await this.account(to)).balance += amount;
  }

  async commit(): Promise<void> {
    for (const account of this.accounts.values()) await writeJson(this.ctx, accountKey(this.ctx, account.uid), account);
  }

  private async account(party: PartyRef): Promise<Account> {
    const known = this.accounts.get(party.uid);
    if (known) {
      if (known.mspId !== party.mspId) throw new ChaincodeError('FORBIDDEN', `account ${party.uid} belongs to ${known.mspId}, not ${party.mspId}`);
      return known;
    }
    const loaded = { ...(await loadAccount(this.ctx, party)) };
    this.accounts.set(party.uid, loaded);
    return loaded;
  }
}

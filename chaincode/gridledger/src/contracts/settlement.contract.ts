import type { Account } from '@gridledger/domain';
import { CommandContract } from './command-contract.ts';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../canonical-json.ts';
import { isRegulatorUser, platformUser, requireRole } from '../caller.ts';
import { txTime } from '../clock.ts';
import { forbidden } from '../errors.ts';
import { emit } from '../events.ts';
import { KEY, key } from '../keys.ts';
import { accountKey, loadAccount, mint } from '../settlement/accounts.ts';
import { readJson, writeJson } from '../state.ts';
import { requireNotFrozen } from '../supervision/user-freeze.ts';
import { optionalString, requireId, requireInteger } from '../validation.ts';

export const MAX_MINT = 1_000_000_000;

/**
 * Credits: a test faucet with an audit trail, not a currency. Balances never go negative,
 * and balance + escrowed summed over all accounts changes only by Mint.
 */
@Info({ title: 'SettlementContract', description: 'Credit balances, minting and escrow' })
export class SettlementContract extends CommandContract {
  constructor() {
    super('settlement');
  }

  /** An organisation admin credits a user of their own organisation. */
  @Transaction()
  @Returns('string')
  public async Mint(ctx: Context, uid: string, amount: string, memo: string): Promise<string> {
    const admin = requireRole(ctx, 'admin');
    const target = { mspId: admin.mspId, uid: requireId('uid', uid) };
    const credits = requireInteger('amount', amount, 1, MAX_MINT);
    const note = optionalString('memo', memo, { max: 200 });
    await requireNotFrozen(ctx, target.uid, 'user');
    // loadAccount refuses an account of another organisation: admins mint only for their own users
    const account = await mint(ctx, target, credits);
    const txId = ctx.stub.getTxID();
    await writeJson(ctx, key(ctx, KEY.mint, txId), { docType: 'mint', txId, to: target, amount: credits, memo: note, by: admin, at: txTime(ctx) });
    await emit(ctx, 'CreditsMinted', { uid: target.uid }, { to: target, amount: credits, memo: note, balance: account.balance });
    return canonicalJson(account);
  }

  /** A user's balance and escrow: visible to the user, their organisation's admins and regulators. */
  @Transaction(false)
  @Returns('string')
  public async GetAccount(ctx: Context, uid: string): Promise<string> {
    const user = platformUser(ctx);
    const subject = requireId('uid', uid);
    const stored = await readJson<Account>(ctx, accountKey(ctx, subject));
    const sameOrgAdmin = user.role === 'admin' && (!stored || stored.mspId === user.mspId);
    // a uid is only unique within its organisation: the account must also be of the caller's org
    const self = user.uid === subject && (!stored || stored.mspId === user.mspId);
    if (!self && !sameOrgAdmin && !isRegulatorUser(user)) {
      throw forbidden('a balance is visible to its user, their organisation admins and regulators');
    }
    return canonicalJson(stored ?? (await loadAccount(ctx, { mspId: user.uid === subject ? user.mspId : '', uid: subject })));
  }
}

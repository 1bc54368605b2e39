import type { UserFreeze } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors.ts';
import { KEY, key } from '../keys.ts';
import { readJson } from '../state.ts';

export const userFreezeKey = (ctx: Context, uid: string): string => key(ctx, KEY.userFreeze, uid);

export const userFreeze = (ctx: Context, uid: string): Promise<UserFreeze | undefined> => readJson<UserFreeze>(ctx, userFreezeKey(ctx, uid));

/** A frozen user can read, but nothing flows to, from or through them. */
export async function requireNotFrozen(ctx: Context, uid: string, who: string): Promise<void> {
  const freeze = await userFreeze(ctx, uid);
  if (freeze) throw new ChaincodeError('FROZEN', `${who} ${uid} is frozen by the regulator: ${freeze.reason}`);
}

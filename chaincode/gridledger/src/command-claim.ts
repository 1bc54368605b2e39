import { COMMAND_ID_TRANSIENT_KEY } from '@gridledger/domain';
import type { Context } from 'fabric-contract-api';
import { canonicalJson } from './canonical-json.ts';
import { ChaincodeError, invalid } from './errors.ts';
import { key, KEY } from './keys.ts';

const COMMAND_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CommandClaim {
  docType: 'command';
  commandId: string;
  txId: string;
}

/**
 * Before any transaction: when the proposal names a ledger command (transient
 * COMMAND_ID_TRANSIENT_KEY), the command is claimed for this transaction, or refused with
 * DUPLICATE_COMMAND when a committed transaction carried it out already. Two transactions for
 * one command in the same block both read the claim absent; the second is invalidated with a
 * read conflict, and its next endorsement learns which transaction won. Calls without the field
 * (a client straight at the chaincode) are not commands and claim nothing.
 */
export async function claimCommand(ctx: Context): Promise<void> {
  const raw = ctx.stub.getTransient().get(COMMAND_ID_TRANSIENT_KEY);
  if (raw === undefined) return;
  const commandId = Buffer.from(raw).toString('utf8');
  if (!COMMAND_ID_PATTERN.test(commandId)) throw invalid(`transient ${COMMAND_ID_TRANSIENT_KEY} must be a command id (a UUID)`);
  const claimKey = key(ctx, KEY.command, commandId.toLowerCase());
  const existing = await ctx.stub.getState(claimKey);
  if (existing.length > 0) {
    const { txId } = JSON.parse(Buffer.from(existing).toString('utf8')) as CommandClaim;
    throw new ChaincodeError('DUPLICATE_COMMAND', `command ${commandId} was carried out by transaction ${txId}`);
  }
  const claim: CommandClaim = { docType: 'command', commandId: commandId.toLowerCase(), txId: ctx.stub.getTxID() };
  await ctx.stub.putState(claimKey, Buffer.from(canonicalJson(claim)));
}

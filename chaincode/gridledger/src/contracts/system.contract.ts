import { CommandContract } from './command-contract.ts';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../canonical-json.ts';
import { callerOf } from '../caller.ts';
import { txTime } from '../clock.ts';
import { emit } from '../events.ts';
import { invalid, notFound } from '../errors.ts';
import { requireId } from '../validation.ts';
import type { Ping } from '../domain/ping.ts';

export const CONTRACT_VERSION = '0.1.0';
const MAX_MESSAGE_LENGTH = 280;

/** Platform-level transactions: version, caller introspection and a liveness record. */
@Info({ title: 'SystemContract', description: 'GridLedger platform information and liveness checks' })
export class SystemContract extends CommandContract {
  constructor() {
    super('system');
  }

  @Transaction(false)
  @Returns('string')
  public async GetVersion(): Promise<string> {
    return canonicalJson({ contract: 'gridledger', version: CONTRACT_VERSION });
  }

  /** What the chaincode reads from the caller's certificate: organisation, role and user id. */
  @Transaction(false)
  @Returns('string')
  public async WhoAmI(ctx: Context): Promise<string> {
    return canonicalJson(callerOf(ctx));
  }

  @Transaction()
  @Returns('string')
  public async Ping(ctx: Context, message: string): Promise<string> {
    if (typeof message !== 'string' || message.length === 0 || message.length > MAX_MESSAGE_LENGTH) {
      throw invalid(`message must be 1 to ${MAX_MESSAGE_LENGTH} characters`);
    }
    const txId = ctx.stub.getTxID();
    const ping: Ping = { docType: 'ping', txId, message, signer: callerOf(ctx), timestamp: txTime(ctx) };
    const bytes = Buffer.from(canonicalJson(ping));
    await ctx.stub.putState(ctx.stub.createCompositeKey('ping', [txId]), bytes);
    await emit(ctx, 'PingRecorded', {}, { message });
    return bytes.toString();
  }

  @Transaction(false)
  @Returns('string')
  public async GetPing(ctx: Context, txId: string): Promise<string> {
    const id = requireId('txId', txId);
    const bytes = await ctx.stub.getState(ctx.stub.createCompositeKey('ping', [id]));
    if (bytes.length === 0) throw notFound(`no ping recorded by transaction ${id}`);
    return Buffer.from(bytes).toString();
  }
}

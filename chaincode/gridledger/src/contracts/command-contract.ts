import { Contract, type Context } from 'fabric-contract-api';
import { claimCommand } from '../command-claim.ts';

/** Every GridLedger contract: a proposal that names a ledger command carries it out at most once. */
export abstract class CommandContract extends Contract {
  override async beforeTransaction(ctx: Context): Promise<void> {
    await claimCommand(ctx);
  }
}

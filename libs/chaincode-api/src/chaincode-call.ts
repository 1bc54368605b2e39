import type { ContractName, TransactionName } from '@gridledger/domain';
import type { z } from 'zod';

declare const built: unique symbol;

/**
 * One call of a chaincode transaction: its contract, its name and its arguments as the chaincode
 * takes them, with the schema of what it answers. Only this library's builders make one (the
 * brand), so a service cannot hand the ledger a transaction name of its own spelling.
 */
export interface ChaincodeCall<Result = unknown> {
  readonly contract: ContractName;
  readonly transaction: TransactionName;
  readonly arguments: string[];
  readonly result: z.ZodType<Result>;
  readonly [built]: true;
}

/** The one maker of calls: the transaction must be one of the contract's, by the chaincode's table. */
export function chaincodeCall<Result, C extends ContractName>(contract: C, transaction: TransactionName<C>, args: string[], result: z.ZodType<Result>): ChaincodeCall<Result> {
  return { contract, transaction, arguments: args, result } as unknown as ChaincodeCall<Result>;
}

/** The call's answer (the chaincode's JSON result), checked against what the transaction answers. */
export function parseChaincodeResult<Result>(call: Pick<ChaincodeCall<Result>, 'contract' | 'transaction' | 'result'>, json: string): Result {
  const parsed = call.result.safeParse(JSON.parse(json));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${call.contract}:${call.transaction} answered a shape this service does not know (${issue?.path.join('.') || 'the result'}: ${issue?.message ?? 'invalid'}); is the chaincode newer than the service?`);
}

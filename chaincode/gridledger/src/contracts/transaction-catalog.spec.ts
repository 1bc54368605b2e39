// first, so the logging level is set before fabric-contract-api loads
import '../test-support/fabric-fake.ts';
import 'reflect-metadata';
import { CHAINCODE_TRANSACTIONS } from '@gridledger/domain';
import { describe, expect, it } from 'vitest';
import { contracts } from '../index.ts';

interface TransactionMetadata {
  name: string;
  tag: string[];
}

/** What fabric-contract-api's @Transaction recorded on each contract: the names it serves, submitted or evaluated. */
function servedTransactions(): Record<string, Record<string, 'submit' | 'evaluate'>> {
  return Object.fromEntries(
    contracts.map((Contract) => {
      const contract = new Contract();
      const recorded = (Reflect.getMetadata('fabric:transactions', Contract.prototype) ?? []) as TransactionMetadata[];
      return [contract.getName(), Object.fromEntries(recorded.map(({ name, tag }) => [name, tag.includes('SUBMIT') ? 'submit' : 'evaluate']))];
    }),
  );
}

describe("the platform's table of chaincode transactions (libs/domain)", () => {
  it('is exactly what the contracts serve, submitted or evaluated alike', () => {
    const served = servedTransactions();
    expect(Object.keys(served).length).toBe(6);
    expect(served).toEqual(CHAINCODE_TRANSACTIONS);
  });
});

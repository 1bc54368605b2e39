import type { Role } from '@gridledger/domain';
import { connectGateway, enrollTestIdentity, type GatewayConnection, type TestIdentity } from '@gridledger/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';

/** Every transaction the story committed, by contract:function, for the closing report. */
export const committed = new Map<string, number>();

export interface Actor {
  identity: TestIdentity;
  uid: string;
  connection: GatewayConnection;
  /** submits and waits for the commit; returns the parsed JSON result */
  submit<T = Record<string, unknown>>(fn: string, ...args: string[]): Promise<T>;
  evaluate<T = Record<string, unknown>>(fn: string, ...args: string[]): Promise<T>;
}

/** A platform user with their own CA-enrolled certificate and gateway connection. */
export async function actor(mspId: string, role: Role): Promise<Actor> {
  const identity = await enrollTestIdentity(mspId, role);
  const connection = connectGateway(identity);
  const call = (fn: string) => {
    const [contractName, transaction] = fn.split(':') as [string, string];
    return { contract: connection.contract(contractName), transaction };
  };
  return {
    identity,
    uid: identity.uid,
    connection,
    async submit<T>(fn: string, ...args: string[]): Promise<T> {
      const { contract, transaction } = call(fn);
      const result = await contract.submitTransaction(transaction, ...args);
      committed.set(fn, (committed.get(fn) ?? 0) + 1);
      return JSON.parse(Buffer.from(result).toString()) as T;
    },
    async evaluate<T>(fn: string, ...args: string[]): Promise<T> {
      const { contract, transaction } = call(fn);
      return JSON.parse(Buffer.from(await contract.evaluateTransaction(transaction, ...args)).toString()) as T;
    },
  };
}

/** The chaincode's refusal reaches the client in the endorsement error details as "CODE: sentence". */
export async function expectRefusal(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({
    details: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining(`${code}: `) })]),
  });
}

/**
 * A submit returns once the submitter's own peer has committed the block; another
 * organisation's peer may apply it a moment later. Reads across organisations are therefore
 * awaited until they match, within a bound, rather than assumed to be instantaneous.
 */
export async function eventually<T>(read: () => Promise<T>, expected: Record<string, unknown>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      expect(value).toMatchObject(expected);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

import type { Context } from 'fabric-contract-api';
import { canonicalJson } from './canonical-json.ts';
import { notFound } from './errors.ts';

export async function readJson<T>(ctx: Context, stateKey: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(stateKey);
  if (!bytes || bytes.length === 0) return undefined;
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

export async function mustRead<T>(ctx: Context, stateKey: string, what: string): Promise<T> {
  const value = await readJson<T>(ctx, stateKey);
  if (value === undefined) throw notFound(`${what} does not exist`);
  return value;
}

export async function writeJson(ctx: Context, stateKey: string, value: unknown): Promise<void> {
  await ctx.stub.putState(stateKey, Buffer.from(canonicalJson(value)));
}

export async function exists(ctx: Context, stateKey: string): Promise<boolean> {
  const bytes = await ctx.stub.getState(stateKey);
  return Boolean(bytes && bytes.length > 0);
}

/** Index entries carry no value of their own; a single zero byte, since empty means deleted. */
export const INDEX_VALUE = Buffer.from([0]);

/** All composite keys under a partial key, in key order. */
export async function listKeys(ctx: Context, type: string, attributes: string[]): Promise<string[][]> {
  const iterator = await ctx.stub.getStateByPartialCompositeKey(type, attributes);
  const keys: string[][] = [];
  try {
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
      keys.push(ctx.stub.splitCompositeKey(result.value.key).attributes);
    }
  } finally {
    await iterator.close();
  }
  return keys;
}

/** All values under a partial composite key, in key order. */
export async function listValues<T>(ctx: Context, type: string, attributes: string[]): Promise<T[]> {
  const iterator = await ctx.stub.getStateByPartialCompositeKey(type, attributes);
  const values: T[] = [];
  try {
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
      values.push(JSON.parse(Buffer.from(result.value.value).toString('utf8')) as T);
    }
  } finally {
    await iterator.close();
  }
  return values;
}

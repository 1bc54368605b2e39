import type { Context } from 'fabric-contract-api';

/** The transaction's timestamp in milliseconds: every endorser sees the same value, unlike the clock. */
export const txTimeMillis = (ctx: Context): number => ctx.stub.getDateTimestamp().getTime();

export const txTime = (ctx: Context): string => new Date(txTimeMillis(ctx)).toISOString();

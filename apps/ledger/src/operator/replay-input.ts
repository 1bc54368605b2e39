import { z } from 'zod';
import { LedgerError } from '../common/ledger-error.ts';

const block = z.union([z.string().regex(/^\d+$/), z.number().int().min(0)]).transform((v) => BigInt(v));

export const replayRequestSchema = z.object({
  fromBlock: block,
  /** inclusive; default: the last block when the replay starts */
  toBlock: block.optional(),
  /** the topic to publish into: under `ops.`, the only prefix the ledger's Kafka principal may create and write besides its own topics */
  topic: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'topic may hold letters, digits, ".", "_" and "-" (at most 249)').refine((t) => t.startsWith('ops.'), 'replay into a topic of your own under "ops." (e.g. ops.replay-1): the ledger may write no other topic, so a replay never doubles a public topic'),
});

export type ReplayInput = z.infer<typeof replayRequestSchema>;

export function parseReplayRequest(body: unknown): ReplayInput {
  const parsed = replayRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LedgerError('INVALID_ARGUMENT', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, 400);
  }
  if (parsed.data.toBlock !== undefined && parsed.data.toBlock < parsed.data.fromBlock) throw new LedgerError('INVALID_ARGUMENT', 'toBlock must not be before fromBlock', 400);
  return parsed.data;
}

import { describe, expect, it } from 'vitest';
import { PIPELINE_STALL_MS, pipelineStalled } from './pipeline-stall.ts';

const now = Date.parse('2026-12-06T12:00:00Z');
const ago = (ms: number) => new Date(now - ms);

/** the pipeline idle for `idleMs`, the oldest waiting command recorded at `oldest`; counts the database reads */
function inputs(idleMs: number, oldest: Date | undefined) {
  const reads = { count: 0 };
  return {
    reads,
    idleFor: () => idleMs,
    oldestWaiting: async () => {
      reads.count += 1;
      return oldest;
    },
  };
}

describe('pipelineStalled', () => {
  it('is a stall when a command has waited the whole time the pipeline drove nothing', async () => {
    expect(await pipelineStalled(inputs(PIPELINE_STALL_MS, ago(PIPELINE_STALL_MS)), now)).toBe(true);
    expect(await pipelineStalled(inputs(22 * 60_000, ago(22 * 60_000)), now)).toBe(true);
  });

  it('is no stall while a command is in flight or was started lately, and then asks the database nothing', async () => {
    const busy = inputs(0, ago(10 * 60_000));
    expect(await pipelineStalled(busy, now)).toBe(false);
    const lately = inputs(PIPELINE_STALL_MS - 1, ago(10 * 60_000));
    expect(await pipelineStalled(lately, now)).toBe(false);
    expect(busy.reads.count + lately.reads.count).toBe(0);
  });

  it('is no stall for an idle pipeline with nothing waiting, or with a command that has only just arrived', async () => {
    expect(await pipelineStalled(inputs(10 * 60_000, undefined), now)).toBe(false);
    expect(await pipelineStalled(inputs(10 * 60_000, ago(5)), now)).toBe(false);
  });
});

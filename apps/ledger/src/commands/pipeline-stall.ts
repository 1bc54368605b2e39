/**
 * How long a command may wait while the pipeline drives nothing before the pipeline counts as
 * stalled. A healthy pipeline takes a waiting command up within its idle scan (a second), and a
 * command waiting on an outage is in flight, so neither comes near this.
 */
export const PIPELINE_STALL_MS = 30_000;

export interface StallInputs {
  /** the pipeline's own view: ms with nothing in flight and nothing started (0 when not driving) */
  idleFor(now: number): number;
  /** when the oldest recorded, unanswered command arrived, if there is one */
  oldestWaiting(): Promise<Date | undefined>;
}

/**
 * Whether the pipeline has stopped taking up commands while it should: it holds the lease, has
 * had nothing in flight for PIPELINE_STALL_MS, and a command has waited at least that long. The
 * database is asked only once the pipeline has been idle that long, so a health probe costs
 * nothing in normal operation. A stalled ledger is worth a restart: the next process picks up
 * every recorded command.
 */
export async function pipelineStalled(inputs: StallInputs, now = Date.now()): Promise<boolean> {
  if (inputs.idleFor(now) < PIPELINE_STALL_MS) return false;
  const oldest = await inputs.oldestWaiting();
  return oldest !== undefined && now - oldest.getTime() >= PIPELINE_STALL_MS;
}

/**
 * Right after Kafka starts (as `up` does after a restore), the broker coordinating a consumer group
 * may still be loading that group's offsets: "The coordinator is loading and hence can't process
 * requests for this group". That passes by itself within seconds, so it is waited out, as are the
 * other coordinator errors Kafka marks retriable; anything else fails at once.
 */
const COORDINATOR_ERRORS = new Set(['COORDINATOR_LOAD_IN_PROGRESS', 'COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR']);

export function isCoordinatorSettling(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = (cause as { originalError?: unknown }).originalError) {
    const type = (cause as { type?: unknown }).type;
    if (typeof type === 'string' && COORDINATOR_ERRORS.has(type)) return true;
    if (/coordinator is loading|coordinator is not available|not the correct coordinator/i.test(cause.message)) return true;
  }
  return false;
}

export async function whenCoordinatorReady<T>(work: () => Promise<T>, { deadlineMs = 120_000, firstWaitMs = 250 } = {}): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (let wait = firstWaitMs; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await work();
    } catch (error) {
      if (!isCoordinatorSettling(error) || Date.now() + wait > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** How the supervisor treats a component that keeps dying. */
export interface RestartPolicy {
  /** restarts counted within this window */
  windowMs: number;
  /** this many restarts within the window is a crash loop: the supervisor stops trying */
  maxRestarts: number;
  /** the wait before the second restart in a window; it doubles with each one after */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * Five restarts in ten minutes: enough to ride out a dependency that comes back slowly (a
 * service started before Kafka is ready dies and is retried at 0, 1, 2, 4 and 8 s), few enough
 * that a component that cannot start (a corrupt data directory, a taken port) stops churning
 * its log and shows as CRASH-LOOP in `status` for a person to look at.
 */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { windowMs: 10 * 60_000, maxRestarts: 5, initialBackoffMs: 1_000, maxBackoffMs: 30_000 };

export type RestartDecision = { action: 'restart' } | { action: 'wait'; untilMs: number } | { action: 'give-up'; restarts: number };

/** What to do about a component found dead at `now`, given when it was restarted before. */
export function decideRestart(previousRestarts: readonly number[], now: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): RestartDecision {
  const recent = previousRestarts.filter((at) => at > now - policy.windowMs).sort((a, b) => a - b);
  if (recent.length >= policy.maxRestarts) return { action: 'give-up', restarts: recent.length };
  const last = recent.at(-1);
  if (last === undefined) return { action: 'restart' };
  const backoff = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (recent.length - 1));
  return now >= last + backoff ? { action: 'restart' } : { action: 'wait', untilMs: last + backoff };
}

/** The restarts still inside the window: what the supervisor keeps. */
export const recentRestarts = (restarts: readonly number[], now: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): number[] => restarts.filter((at) => at > now - policy.windowMs);

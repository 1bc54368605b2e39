import { useState } from 'react';

/**
 * A form's sending state: `run(work)` marks it busy, clears the last refusal, and keeps the
 * service's refusal (shown beside the form) if the work throws; what follows success is the
 * work's own last step.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

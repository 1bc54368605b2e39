import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { apiFetch } from '../../api/http.ts';
import { appendPoint, type ChartPoint, type OpsSample } from './ops-sample.ts';
import { readSseEvents } from '../../api/sse.ts';

export type StreamState = 'connecting' | 'live' | 'retrying';

/**
 * Follows /api/ops/stream. EventSource cannot send an Authorization header, so the stream is
 * read with fetch and parsed here; a dropped stream reconnects after a pause.
 */
export function useOpsStream(): { state: StreamState; latest: OpsSample | null; points: ChartPoint[]; error: unknown } {
  const [state, setState] = useState<StreamState>('connecting');
  const [latest, setLatest] = useState<OpsSample | null>(null);
  const [points, setPoints] = useState<ChartPoint[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | null = null;
    const connect = async () => {
      try {
        const response = await apiFetch('/api/ops/stream', { signal: controller.signal, headers: { accept: 'text/event-stream' } });
        if (!response.ok || !response.body) throw await ApiError.from(response);
        setError(null);
        for await (const event of readSseEvents(response.body)) {
          if (event.event !== 'sample') continue;
          const sample = JSON.parse(event.data) as OpsSample;
          setState('live');
          setLatest(sample);
          setPoints((p) => appendPoint(p, sample));
        }
      } catch (e) {
        if (controller.signal.aborted) return;
        // a refusal (403) will not change by retrying; say so and stop
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return setError(e);
        setError(e);
      }
      if (controller.signal.aborted) return;
      setState('retrying');
      retry = setTimeout(() => void connect(), 3000);
    };
    void connect();
    return () => {
      controller.abort();
      if (retry) clearTimeout(retry);
    };
  }, []);

  return { state, latest, points, error };
}

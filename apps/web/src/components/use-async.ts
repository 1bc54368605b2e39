import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export type AsyncState<T> = { status: 'loading'; data: T | undefined } | { status: 'ready'; data: T } | { status: 'error'; data: T | undefined; error: unknown };

/**
 * Loads data for a screen and reloads it when `deps` change or on demand. A load that an
 * earlier one overtook is dropped, so a slow answer never overwrites a newer one.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading', data: undefined });
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data }));
    loader.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'ready', data }),
      (error: unknown) => !controller.signal.aborted && setState((s) => ({ status: 'error', data: s.data, error })),
    );
    return () => controller.abort();
    // the caller names the dependencies, as with useEffect
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

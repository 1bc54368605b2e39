import { useLayoutEffect, useState, type RefObject } from 'react';

/** The element's content width, following it as it resizes; `fallback` until it has been measured. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    // jsdom and very old browsers measure nothing: keep the fallback
    if (!element || typeof ResizeObserver === 'undefined') return;
    setWidth(element.clientWidth || fallback);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width) || fallback);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}

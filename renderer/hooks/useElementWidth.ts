import { useCallback, useRef, useState } from 'react';

/**
 * The width of the element the returned ref is given to, followed as the window changes
 * (a chart drawn to the room it has), kept between `min` and `max`; `initial` before it is
 * measured.
 */
export function useElementWidth(initial: number, min: number, max: number) {
  const [width, setWidth] = useState(initial);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (element: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!element) return;
      const measure = (w: number) => setWidth(Math.round(Math.min(max, Math.max(min, w))));
      measure(element.clientWidth || initial);
      observer.current = new ResizeObserver(([entry]) => entry && measure(entry.contentRect.width));
      observer.current.observe(element);
    },
    [initial, min, max],
  );
  return [ref, width] as const;
}

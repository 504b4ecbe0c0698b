import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * How many times the record the fields below edit was loaded from storage (not changed by
 * their own saves): each new load puts the stored values back into fields with nothing
 * typed pending. Outside a provider it never changes, and fields keep what was typed.
 */
export const LoadedRevision = createContext(0);

/**
 * Text typed by the user, committed when typing pauses, on blur and when the field goes
 * away (so nothing typed is lost on close). Compares with what it last committed — not
 * with the stored value — so a value the store normalises ("1.50" → 1.5) or refuses is
 * committed once, not again and again.
 */
export function useDebouncedText(initial: string, commit: (text: string) => void, delay = 500) {
  const [text, setText] = useState(initial);
  const committed = useRef(initial);
  const pending = useRef<string | null>(null);
  const commitRef = useRef(commit);
  useLayoutEffect(() => {
    commitRef.current = commit;
  });

  const flush = useCallback(() => {
    if (pending.current === null) return;
    const value = pending.current;
    pending.current = null;
    committed.current = value;
    commitRef.current(value);
  }, []);

  useEffect(() => {
    if (text === committed.current) {
      pending.current = null;
      return;
    }
    pending.current = text;
    const timer = setTimeout(flush, delay);
    return () => clearTimeout(timer);
  }, [text, delay, flush]);

  useEffect(() => flush, [flush]);

  // Loaded again (a colleague's change): the stored value replaces the text, unless the
  // person has typed something not yet committed — what they type is never taken away.
  const revision = useContext(LoadedRevision);
  const latest = useRef(initial);
  useLayoutEffect(() => {
    latest.current = initial;
  });
  useEffect(() => {
    if (pending.current !== null || latest.current === committed.current) return;
    committed.current = latest.current;
    setText(latest.current);
  }, [revision]);

  return { text, setText, flush };
}

import { useCallback, useEffect, useRef, useState } from 'react';

/** What {@link useLoad} hands back. */
export interface Loaded<T> {
  /** The last good answer (kept while a refresh fails), or null before the first. */
  data: T | null;
  /** The last failure, cleared by the next success. */
  error: unknown;
  /** Loads again now. */
  reload(): void;
}

/**
 * Loads `load()` on mount and whenever `load` changes (make it a
 * `useCallback`), and again every `pollMs` while that is a number: the live
 * statistics refresh themselves this way. A late answer of a superseded load
 * is dropped, and a failed refresh keeps the last data on screen.
 */
export function useLoad<T>(load: () => Promise<T>, pollMs: number | null = null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown }>({
    data: null,
    error: null,
  });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    load().then(
      (data) => mine === generation.current && setState({ data, error: null }),
      (error: unknown) => mine === generation.current && setState((s) => ({ data: s.data, error })),
    );
  }, [load, tick]);

  useEffect(() => {
    if (pollMs === null) return;
    const timer = setInterval(() => setTick((n) => n + 1), pollMs);
    return () => clearInterval(timer);
  }, [pollMs]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

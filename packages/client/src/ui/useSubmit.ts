import { useCallback, useRef, useState } from 'react';

/** A form's sending state: see {@link useSubmit}. */
export interface Submit {
  /** True while the work runs (for the button). */
  busy: boolean;
  /** What the last run threw (null once a new run starts). */
  error: unknown;
  setError(error: unknown): void;
  /**
   * Runs `work` unless a run is under way — checked at once, not through
   * `busy`: a double click's second submit comes before the re-render and
   * would send twice. Clears the error first; keeps what `work` throws,
   * unless `handled(err)` says the form dealt with it. True when it finished.
   */
  run(work: () => Promise<void>, handled?: (err: unknown) => boolean): Promise<boolean>;
}

/** Busy and error state of a form that sends one request at a time. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async (work: () => Promise<void>, handled?: (err: unknown) => boolean) => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        await work();
        return true;
      } catch (err) {
        if (!handled?.(err)) setError(err);
        return false;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [],
  );
  return { busy, error, setError, run };
}

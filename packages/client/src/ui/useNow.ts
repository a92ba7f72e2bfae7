import { useEffect, useState } from 'react';

/**
 * `Date.now()`, re-rendering every `intervalMs` while `active`. Ticks are
 * aligned to the wall-clock second so that every screen flips together.
 */
export function useNow(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}

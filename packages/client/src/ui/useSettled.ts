import { useEffect, useState } from 'react';

/**
 * False for `ms` after `key` changes, then true. A button whose meaning just
 * changed under the pointer (the next speaker became the current one) is not
 * a considered click: used with `aria-disabled`, it keeps the second click
 * of a double click from acting on what the first one changed.
 */
export function useSettled(key: unknown, ms: number): boolean {
  const [settled, setSettled] = useState(true);
  const [last, setLast] = useState(key);
  if (!Object.is(last, key)) {
    // Adjust state while rendering (React's pattern for "reset on prop change").
    setLast(key);
    setSettled(false);
  }
  useEffect(() => {
    if (settled) return;
    const t = setTimeout(() => setSettled(true), ms);
    return () => clearTimeout(t);
  }, [settled, key, ms]);
  return settled;
}

import { useEffect, useState } from 'react';
import type { ApiClient, ClockSample } from '../api/client.js';
import { clockOffset, offsetFromDateHeader } from './serverClock.js';

/** How often the offset is measured again (clocks drift; laptops sleep). */
const RESAMPLE_MS = 5 * 60_000;
const SAMPLES = 3;

/**
 * The server clock offset in ms (server = `Date.now()` + offset), measured
 * with a few `api.time()` round trips (`GET /api/time`; a hall display's
 * link asks `GET /api/display`), falling back to the `Date` header
 * of any API answer when that route is missing. 0 until measured.
 */
export function useServerClock(api: Pick<ApiClient, 'time'>): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let live = true;
    const measure = async () => {
      const samples: ClockSample[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        try {
          samples.push(await api.time());
        } catch {
          break;
        }
      }
      if (samples.length > 0) {
        if (live) setOffset(clockOffset(samples));
        return;
      }
      try {
        const res = await fetch('/api/me', { credentials: 'same-origin' });
        const fromHeader = offsetFromDateHeader(res.headers.get('date'), Date.now());
        if (live && fromHeader !== null) setOffset(fromHeader);
      } catch {
        // Offline: keep the last offset.
      }
    };
    void measure();
    const timer = setInterval(() => void measure(), RESAMPLE_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);
  return offset;
}

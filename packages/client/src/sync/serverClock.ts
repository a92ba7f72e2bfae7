import type { ClockSample } from '../api/client.js';

/**
 * Clock offset between this device and the server. The speaker timer's
 * timestamps are the server's, so a client whose clock is off by a minute
 * would otherwise show a minute too much or too little.
 */

/**
 * The offset to add to `Date.now()` to get server time, from samples of
 * `GET /api/time`. The median resists one slow round trip.
 *
 * @example serverNow = Date.now() + clockOffset(samples)
 */
export function clockOffset(samples: readonly ClockSample[]): number {
  if (samples.length === 0) return 0;
  const offsets = samples.map((s) => s.serverNow - s.localNow).sort((a, b) => a - b);
  const mid = Math.floor(offsets.length / 2);
  const median = offsets.length % 2 === 1 ? offsets[mid]! : (offsets[mid - 1]! + offsets[mid]!) / 2;
  return Math.round(median);
}

/**
 * The offset from an HTTP `Date` header (second resolution), as a fallback
 * when `/api/time` is not there. Null when the header is missing or invalid.
 */
export function offsetFromDateHeader(dateHeader: string | null, localNow: number): number | null {
  if (dateHeader === null) return null;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  // The header is truncated to the second: its middle is 500 ms later on average.
  return server + 500 - localNow;
}

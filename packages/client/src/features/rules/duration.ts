import { formatClock } from '../queue/countdown.js';

/**
 * Reads a duration typed by a chair: `m:ss` (`1:30`, `0:45`, `90:00`) or a
 * whole number of minutes (`2`). Returns seconds, or null when the text is
 * not a duration or lies outside [min, max] seconds.
 *
 * @example parseDuration('1:30', 10, 3600) === 90
 */
export function parseDuration(text: string, min: number, max: number): number | null {
  const m = /^\s*(\d{1,4})(?::([0-5]\d))?\s*$/.exec(text);
  if (!m) return null;
  const seconds = Number(m[1]) * 60 + (m[2] === undefined ? 0 : Number(m[2]));
  return seconds >= min && seconds <= max ? seconds : null;
}

/** Seconds as the chair types them: `m:ss`, minutes unbounded (`90:00`, not `1:30:00`). */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Milliseconds as a clock (`m:ss` or `h:mm:ss`), rounded down. */
export function clockText(ms: number): string {
  return formatClock(Math.max(0, ms), 'down');
}

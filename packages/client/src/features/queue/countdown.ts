import { SpeakingLimits, speakingElapsedMs, type QueueEntry } from '@kenes/shared';

/** Longest time a timer shows, ms: beyond it the document is wrong, not the speaker long. */
const MAX_SHOWN_MS = 2 * SpeakingLimits.maxExtendedTurnSeconds * 1000;

/** `ms` within [0, max]; 0 when not a number. */
function clamp(ms: number, max: number): number {
  return Number.isFinite(ms)
    ? Math.min(max, Math.max(0, ms))
    : Number.isNaN(ms)
      ? 0
      : ms > 0
        ? max
        : 0;
}

/** What the speaker timer shows at one instant. */
export interface TimerView {
  /** Time spoken so far, pauses excluded, ms. */
  elapsedMs: number;
  /** Time allowed (extensions included), ms. */
  limitMs: number;
  /** Time left; 0 once in overtime. */
  remainingMs: number;
  /** Time spoken beyond the limit; 0 before. */
  overtimeMs: number;
  overtime: boolean;
  paused: boolean;
  /** What to display: remaining time, or overtime counting up. */
  displayMs: number;
}

/**
 * The speaker timer at local time `localNow`, corrected by the server clock
 * `offsetMs` (server = local + offset). Pure, so the math is tested without
 * timers.
 *
 * @example timerView(entry, Date.now(), offset).overtime
 */
export function timerView(entry: QueueEntry, localNow: number, offsetMs: number): TimerView {
  // Whatever the document holds (a bad clock, a huge limit), the clock shows bounded values.
  const elapsedMs = clamp(speakingElapsedMs(entry, localNow + offsetMs), MAX_SHOWN_MS);
  const limitMs = clamp(entry.limitSeconds * 1000, SpeakingLimits.maxExtendedTurnSeconds * 1000);
  const remainingMs = Math.max(0, limitMs - elapsedMs);
  const overtimeMs = Math.max(0, elapsedMs - limitMs);
  const overtime = elapsedMs > limitMs;
  return {
    elapsedMs,
    limitMs,
    remainingMs,
    overtimeMs,
    overtime,
    paused: entry.runningSince === null,
    displayMs: overtime ? overtimeMs : remainingMs,
  };
}

/**
 * Formats a timer value as `m:ss` (or `h:mm:ss`). Remaining time rounds up
 * (a speaker with 0.4 s left still sees 0:01), overtime rounds down, so the
 * display turns to overtime exactly when "0:00" would have been shown.
 */
export function formatClock(ms: number, round: 'up' | 'down'): string {
  const total = round === 'up' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The clock text of a timer view: `2:59`, or `+0:12` in overtime. */
export function timerText(view: TimerView): string {
  return view.overtime
    ? `+${formatClock(view.overtimeMs, 'down')}`
    : formatClock(view.remainingMs, 'up');
}

/** Announcements the timer makes as it crosses thresholds. */
export type TimerCue = 'oneMinute' | 'timeUp';

/**
 * Which cue, if any, fires between two views of the same speaker: "one
 * minute left" when remaining time crosses 60 s, "time is up" when it
 * crosses zero. Only a crossing counts, so a view opened in overtime stays
 * quiet.
 */
export function timerCue(before: TimerView, after: TimerView): TimerCue | null {
  if (!before.overtime && after.overtime) return 'timeUp';
  if (before.remainingMs > 60_000 && after.remainingMs <= 60_000 && !after.overtime)
    return 'oneMinute';
  return null;
}

/**
 * Dates, times and durations in the UI language. The formatting itself lives
 * in `@kenes/shared` so that the exports print durations as the UI does; it
 * uses `Intl` where the browser has the language's data and Kazakh patterns
 * of its own where Chromium's `Intl` falls back to the root locale.
 */
export { formatDateTime, formatTime, formatMinutes, formatDuration } from '@kenes/shared';

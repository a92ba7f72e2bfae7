import { MAX_POSITION_TEXT } from './doc/shapes.js';
import { SpeakingLimits } from './doc/speakingRules.js';

/**
 * Length and range limits of command fields, without zod: the browser reads
 * them (form fields' maxLength) and must not load the command schemas, whose
 * construction makes zod probe for eval — a violation of the server's CSP.
 */
/** Length limits of command fields (characters). */
export const CommandLimits = {
  id: 100,
  title: 200,
  description: 4_000,
  /** Where a meeting takes place. */
  venue: 200,
  /** Earliest and latest meeting date accepted (2000-01-01 and 2100-01-01 UTC, epoch ms). */
  minStartsAt: Date.UTC(2000, 0, 1),
  maxStartsAt: Date.UTC(2100, 0, 1),
  name: 120,
  organisation: 200,
  label: 200,
  /** Longest planned agenda item: a full day. */
  plannedMinutes: 24 * 60,
  /** Bounds of the default speaking time, seconds. */
  minSpeakingSeconds: SpeakingLimits.minTurnSeconds,
  maxSpeakingSeconds: SpeakingLimits.maxTurnSeconds,
  /** Largest single timer extension, seconds. */
  maxExtendSeconds: SpeakingLimits.maxExtendSeconds,
  /** A reservation's or objection's text. */
  positionText: MAX_POSITION_TEXT,
  /** Largest position accepted (positions beyond the list are clamped). */
  maxIndex: 100_000,
} as const;

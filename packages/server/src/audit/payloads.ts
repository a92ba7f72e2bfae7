import { COMMAND_TYPES } from '@kenes/shared';

/**
 * What the audit log keeps of a command. Accepted commands are kept whole
 * (the minutes read them; zod bounds their size). Refused ones are kept
 * short and folded per member, action, result and window: a member sending
 * thousands of refused commands costs a few small rows, not thousands of
 * 4,000-character ones.
 */

/** Refusals of one member, action and result within this window share one audit row. */
export const REFUSAL_WINDOW_MS = 60_000;
/** Longest payload kept for a refused command, characters. */
export const REFUSAL_PAYLOAD_MAX = 200;
/** Longest payload kept for an accepted command, characters (zod keeps them far shorter). */
const ACCEPTED_PAYLOAD_MAX = 4_000;
/**
 * Longest payload kept for an accepted `suggestion.decide`: it lists what
 * was decided, which a command body does not bound (one "accept all" may
 * decide hundreds of suggestions). `commands/decisionAudit.ts` builds the
 * row to fit, so it is never cut into JSON the minutes cannot read.
 */
export const DECISION_PAYLOAD_MAX = 32_000;

/** Longest payload kept for an accepted row of `action`. */
export function acceptedPayloadMax(action: string): number {
  return action === 'suggestion.decide' ? DECISION_PAYLOAD_MAX : ACCEPTED_PAYLOAD_MAX;
}

const KNOWN: ReadonlySet<string> = new Set(COMMAND_TYPES);

/**
 * The audit action of a body: its `type` when that is a command type, else
 * `invalid` — a free-form type would let each request start a row of its own.
 */
export function auditAction(body: unknown): string {
  const type = (body as { type?: unknown } | null)?.type;
  return typeof type === 'string' && KNOWN.has(type) ? type : 'invalid';
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '"<unserialisable>"';
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** An accepted command as the audit keeps it (cut at `max` characters). */
export function acceptedPayload(command: unknown, max = ACCEPTED_PAYLOAD_MAX): string {
  return clip(json(command), max);
}

/**
 * A refused command's short summary: a parsed command clipped to
 * {@link REFUSAL_PAYLOAD_MAX}; a body that was no command only by the names
 * of its first fields (its values are the attacker's, not evidence worth
 * storing).
 */
export function refusalPayload(value: unknown, parsed: boolean): string {
  if (parsed) return clip(json(value), REFUSAL_PAYLOAD_MAX);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return json({ body: value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value });
  const keys = Object.keys(value).slice(0, 10);
  return clip(
    json({ type: auditAction(value), fields: keys.map((k) => clip(k, 30)) }),
    REFUSAL_PAYLOAD_MAX,
  );
}

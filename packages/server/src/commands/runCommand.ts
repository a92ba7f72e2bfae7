import * as Y from 'yjs';
import { ErrorCode, can, parseCommand, type Command } from '@kenes/shared';
import type { AuditLog } from '../audit/auditLog.js';
import { auditAction, refusalPayload } from '../audit/payloads.js';
import { isStoreUnavailable } from '../store/unavailable.js';
import type { RoomAccess } from '../sync/interfaces.js';
import { afterCommitOf, type AfterCommitDeps } from './afterCommit.js';
import { applyCommand } from './apply.js';
import { autoVersionOf, type AutoVersionPlan } from './autoVersions.js';
import { decisionAuditDetail } from './decisionAudit.js';
import { loadCommandInputs } from './commandInputs.js';
import type { Actor, CommandOutput, CommandResult } from './context.js';

/**
 * The command service: one command from its body to its audit row, in one
 * straight line — parse → `can()` → room transaction → the command's
 * after-commit effect → audit. Transport-free: the HTTP route reads the body
 * and turns the outcome into a response.
 */

/** What {@link runCommand} needs. */
export interface CommandServiceDeps extends AfterCommitDeps {
  /** Serialized, committed, broadcast writes to meeting documents. */
  rooms: RoomAccess;
  audit: AuditLog;
  /** Server clock, epoch ms. */
  now: () => number;
  /** Id source for new records (default: random UUIDs). */
  ids?: () => string;
}

/** One command as it arrives: the sender from the server's records, the body as sent. */
export interface CommandRequest {
  meetingId: string;
  actor: Actor;
  body: unknown;
}

/** Statuses a command may be refused with. */
export type CommandRefusalStatus = 400 | 403 | 404 | 409 | 503;

/** The outcome of {@link runCommand}: the answer's fields, or a refusal to send back. */
export type CommandOutcome =
  | { ok: true; answer: CommandOutput & Record<string, unknown> }
  | { ok: false; status: CommandRefusalStatus; code: ErrorCode; message: string };

/**
 * Runs one command. Every outcome leaves one audit row (refusals folded per
 * minute). The role check runs before the room is touched: a forbidden
 * command costs no room load and no cross-process lock. A failed
 * transaction (store down, lock timeout, bug) is audited as what it is —
 * `unavailable` or `internal_error` — and rethrown, so the HTTP answer
 * (503 or 500, `http/errors.ts`) says the same as the row.
 *
 * @example const outcome = await runCommand(deps, { meetingId, actor, body });
 */
export async function runCommand(
  deps: CommandServiceDeps,
  { meetingId, actor, body }: CommandRequest,
): Promise<CommandOutcome> {
  const { rooms, audit, now } = deps;
  const refuse = async (
    action: string,
    payload: string,
    status: CommandRefusalStatus,
    code: ErrorCode,
    message: string,
    at = now(),
  ): Promise<CommandOutcome> => {
    await audit.record({ meetingId, userId: actor.userId, action, result: code, payload, at });
    return { ok: false, status, code, message };
  };

  const parsed = parseCommand(body);
  if (!parsed.ok)
    return refuse(auditAction(body), refusalPayload(body, false), 400, parsed.code, parsed.message);
  const command: Command = parsed.command;
  const short = refusalPayload(command, true);

  // Before the room: an observer's forbidden command must cost no load and no lock.
  if (!can(actor.role, command.type))
    return refuse(
      command.type,
      short,
      403,
      ErrorCode.forbidden,
      `A ${actor.role} may not send ${command.type}`,
    );

  /** Audits a failure as what it is (`unavailable` → 503, else `internal_error` → 500) and rethrows it. */
  const failed = async (err: unknown): Promise<never> => {
    const code = isStoreUnavailable(err) ? ErrorCode.unavailable : ErrorCode.internal;
    await audit
      .record({
        meetingId,
        userId: actor.userId,
        action: command.type,
        result: code,
        payload: short,
        at: now(),
      })
      .catch(() => undefined);
    throw err;
  };

  const effect = afterCommitOf(command.type);
  const autoVersion = autoVersionOf(command.type);
  // A restore overwrites texts: it runs only where the state before it can be kept.
  if (command.type === 'version.restore' && !deps.saveVersion)
    return refuse(
      command.type,
      short,
      503,
      ErrorCode.unavailable,
      'Saving versions is not available',
    );
  let applied: {
    result: CommandResult;
    at: number;
    captured: Uint8Array | null;
    version: { plan: AutoVersionPlan; state: Uint8Array } | null;
  };
  try {
    const inputs = await loadCommandInputs(deps.store, meetingId, command);
    // A version of the state *before* a command (a restore) is stored before the command runs,
    // so a store that cannot keep it stops the command with nothing changed ("saved first").
    let savedFirst: Y.Snapshot | null = null;
    if (autoVersion && deps.saveVersion) {
      const pre = await rooms.read(meetingId, (doc) => {
        const plan = autoVersion(doc, command, inputs);
        return plan?.moment === 'before'
          ? { plan, state: Y.encodeStateAsUpdate(doc), snapshot: Y.snapshot(doc) }
          : null;
      });
      if (pre) {
        await deps.saveVersion({
          meetingId,
          label: pre.plan.label,
          kind: pre.plan.kind,
          userId: actor.userId,
          at: now(),
          state: pre.state,
        });
        savedFirst = pre.snapshot;
      }
    }
    applied = await rooms.transact(meetingId, (doc) => {
      // The time is taken inside the room's queue so command times follow the order they apply in.
      const at = now();
      let plan = autoVersion?.(doc, command, inputs) ?? null;
      // Saved first and nothing changed since (no new item, no deletion): nothing more to save.
      // Otherwise (an edit slipped in between) the state as the command meets it is saved too.
      if (plan?.moment === 'before' && savedFirst && Y.equalSnapshots(savedFirst, Y.snapshot(doc)))
        plan = null;
      const before = plan?.moment === 'before' ? Y.encodeStateAsUpdate(doc) : null;
      const result = applyCommand(doc, command, actor, at, deps.ids, inputs);
      const captured = result.ok && effect?.capture ? effect.capture(doc) : null;
      const version =
        result.ok && plan ? { plan, state: before ?? Y.encodeStateAsUpdate(doc) } : null;
      return { result, at, captured, version };
    });
  } catch (err) {
    return failed(err);
  }
  const { result, at, captured, version } = applied;
  if (!result.ok)
    return refuse(command.type, short, result.status, result.code, result.message, at);

  // The version the server saves by itself (agreed, closed, before a restore). The command is
  // committed by now; a store failure here answers and is audited as any failed write (503/500),
  // so the chair learns that the version is missing (for a restore: that the state before it was
  // not kept, which the store's own outage makes unlikely to go unnoticed).
  if (version && deps.saveVersion) {
    try {
      await deps.saveVersion({
        meetingId,
        label: version.plan.label,
        kind: version.plan.kind,
        userId: actor.userId,
        at,
        state: version.state,
      });
    } catch (err) {
      return failed(err);
    }
  }

  let extra: Record<string, unknown> = {};
  if (effect) {
    const done = await effect.run({ meetingId, command, userId: actor.userId, at, captured }, deps);
    if (!done.ok) return refuse(command.type, short, done.status, done.code, done.message, at);
    extra = done.extra ?? {};
  }
  // A removal's row names what went by title (the id alone says nothing once it is gone).
  const named = result.result?.title;
  const decided = result.result?.decided;
  const base = { ...command, ...(named === undefined ? {} : { title: named }) };
  await audit.record({
    meetingId,
    userId: actor.userId,
    action: command.type,
    result: 'ok',
    // Who decided what, for which organisation, with the text, and a tally per suggester
    // that the minutes count (issue 18) — built to fit the row.
    payload: decided === undefined ? base : { ...base, ...decisionAuditDetail(base, decided) },
    at,
  });
  return { ok: true, answer: { ...extra, ...result.result } };
}

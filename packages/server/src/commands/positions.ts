import {
  ErrorCode,
  deletePosition,
  organisationKey,
  positionNeedsText,
  readPositions,
  writePosition,
  type Position,
} from '@kenes/shared';
import { refuse, type CommandContext, type Handlers } from './context.js';
import { findRec, type LocatedRec } from './recommendations.js';

/**
 * Positions: each organisation's stand on a recommendation, one per
 * organisation (the member's meeting organisation, keyed by
 * `organisationKey`), set by any of its members, whose name is recorded.
 * Changeable until the text is agreed; the positions of that moment are then
 * frozen into the recommendation (`rec.setStatus`).
 */

/** The recommendation, if its positions may still change (not agreed, not withdrawn). */
function openRec(ctx: CommandContext, recId: string): LocatedRec {
  const r = findRec(ctx.doc, recId);
  if (r.rec.status === 'agreed')
    refuse(409, ErrorCode.invalidState, `“${r.rec.title}” is agreed: positions are final`);
  if (r.rec.status === 'withdrawn')
    refuse(409, ErrorCode.invalidState, `“${r.rec.title}” was withdrawn`);
  return r;
}

/** Handlers of the `position.*` commands. */
export const positionHandlers: Pick<Handlers, 'position.set' | 'position.clear'> = {
  'position.set'(ctx, { recId, kind, text }) {
    openRec(ctx, recId);
    const { actor } = ctx;
    const key = organisationKey(actor.organisation);
    if (key === '') refuse(409, ErrorCode.invalidState, 'Your organisation has no name');
    const position: Position = {
      organisation: actor.organisation,
      key,
      orgType: actor.orgType,
      kind,
      // The schema already requires it for these kinds and refuses it for the others.
      text: positionNeedsText(kind) ? (text ?? '') : '',
      userId: actor.userId,
      name: actor.name,
      at: ctx.now,
    };
    const before = readPositions(ctx.doc, recId).find((p) => p.key === key);
    // Sending the same position again changes nothing (a double click writes once).
    if (before && before.kind === kind && before.text === position.text) return { recId };
    writePosition(ctx.doc, recId, position);
    return { recId };
  },

  'position.clear'(ctx, { recId }) {
    openRec(ctx, recId);
    const key = organisationKey(ctx.actor.organisation);
    if (!deletePosition(ctx.doc, recId, key))
      refuse(409, ErrorCode.invalidState, `${ctx.actor.organisation} has no position on it`);
    return { recId };
  },
};

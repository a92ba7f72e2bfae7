import type * as Y from 'yjs';
import {
  ErrorCode,
  insertRecommendation,
  meetingRoots,
  organisationKey,
  patchRecommendation,
  readPositions,
  readRecommendation,
  setRecommendationRemoved,
  type Endorsement,
  type Recommendation,
  type RecordMap,
} from '@kenes/shared';
import { refuse, type Handlers } from './context.js';
import { findItem } from './agenda.js';

/**
 * Recommendations: metadata in the `recommendations` root, body in the
 * `texts` fragment of the same id. Endorsements are per organisation: one
 * per organisation, given and taken back by any of its members.
 *
 * Removing is undoable: a removed recommendation keeps its record, text and
 * endorsements, marked `removedAt`; the room and the outcome leave it out and
 * the chair can restore it. Nothing else may change it while removed.
 */

/** A recommendation found by id: its map, array index, record, and whether it is removed. */
export interface LocatedRec {
  map: RecordMap;
  index: number;
  rec: Recommendation;
  removed: boolean;
}

/** The recommendation with this id, removed or not, or a 404 refusal. */
function findAnyRec(doc: Y.Doc, recId: string): LocatedRec {
  const maps = meetingRoots(doc).recommendations.toArray();
  const index = maps.findIndex((m) => readRecommendation(m).id === recId);
  const map = maps[index];
  if (!map) refuse(404, ErrorCode.notFound, `No recommendation ${recId}`);
  const removedAt = map.get('removedAt');
  return { map, index, rec: readRecommendation(map), removed: typeof removedAt === 'number' };
}

/** The recommendation with this id; refuses (409) when the chair removed it. */
export function findRec(doc: Y.Doc, recId: string): LocatedRec {
  const r = findAnyRec(doc, recId);
  if (r.removed) refuse(409, ErrorCode.invalidState, `“${r.rec.title}” was removed`);
  return r;
}

/** Every endorsement `userId` gave in this meeting, on any recommendation (removed ones included). */
function endorsementsOf(doc: Y.Doc, userId: string): Endorsement[] {
  return meetingRoots(doc)
    .recommendations.toArray()
    .flatMap((m) => readRecommendation(m).endorsements.filter((e) => e.userId === userId));
}

/** Handlers of the `rec.*` commands. */
export const recommendationHandlers: Pick<
  Handlers,
  | 'rec.create'
  | 'rec.rename'
  | 'rec.setStatus'
  | 'rec.endorse'
  | 'rec.unendorse'
  | 'rec.remove'
  | 'rec.restore'
> = {
  'rec.create'(ctx, { agendaItemId, title }) {
    const item = findItem(ctx.doc, agendaItemId);
    if (item.item.status === 'removed')
      refuse(409, ErrorCode.invalidState, 'That agenda item was removed');
    const { actor } = ctx;
    const rec: Recommendation = {
      id: ctx.ids(),
      agendaItemId,
      title,
      status: 'draft',
      proposerId: actor.userId,
      proposerName: actor.name,
      proposerOrganisation: actor.organisation,
      createdAt: ctx.now,
      endorsements: [],
      suggestionsOnly: false,
      proposerDecides: false,
      agreedAt: null,
    };
    insertRecommendation(ctx.doc, rec);
    return { recId: rec.id };
  },

  'rec.rename'(ctx, { recId, title }) {
    const r = findRec(ctx.doc, recId);
    if (ctx.actor.role !== 'chair' && r.rec.proposerId !== ctx.actor.userId) {
      refuse(
        403,
        ErrorCode.forbidden,
        'Only the chair or the proposer may rename a recommendation',
      );
    }
    // An agreed text is locked, title included, until the chair sets it back.
    if (r.rec.status === 'agreed')
      refuse(409, ErrorCode.invalidState, `“${r.rec.title}” is agreed; set it back to rename it`);
    patchRecommendation(r.map, { title });
    return { recId };
  },

  'rec.setStatus'(ctx, { recId, status, confirmObjections }) {
    const r = findRec(ctx.doc, recId);
    if (r.rec.status === status) return { recId };
    // Any status may follow any other: a chair moves a text back to draft when talks reopen.
    if (status === 'agreed') {
      const positions = readPositions(ctx.doc, recId);
      const objecting = positions.filter((p) => p.kind === 'objects');
      if (objecting.length > 0 && confirmObjections !== true) {
        refuse(
          409,
          ErrorCode.confirmationRequired,
          `${objecting.map((p) => p.organisation).join(', ')} object${objecting.length === 1 ? 's' : ''}: ` +
            'resend with confirmObjections: true to agree the text all the same',
        );
      }
      // The record of the agreement: the positions of this moment, frozen with it.
      // `agreedAt` is when the text was locked (the editors show it); cleared when set back.
      patchRecommendation(r.map, {
        status,
        agreedPositions: positions,
        ...(r.rec.status !== 'agreed' && { agreedAt: ctx.now }),
      });
    } else {
      patchRecommendation(r.map, { status, agreedAt: null });
      if (r.rec.agreedPositions !== undefined) r.map.delete('agreedPositions');
    }
    return { recId };
  },

  'rec.endorse'(ctx, { recId }) {
    const r = findRec(ctx.doc, recId);
    if (r.rec.status === 'withdrawn')
      refuse(409, ErrorCode.invalidState, 'A withdrawn recommendation cannot be endorsed');
    const { actor } = ctx;
    // The actor's organisation is the meeting's (fixed at join, changed by the chair), and names
    // are keyed after Unicode normalisation and confusable folding: "UN\u200bDP" is UNDP.
    const key = organisationKey(actor.organisation);
    const same = r.rec.endorsements.find((e) => organisationKey(e.organisation) === key);
    if (same) {
      refuse(409, ErrorCode.duplicate, `${same.organisation} already endorses this recommendation`);
    }
    // One person endorses for one organisation: after a chair changed theirs, what they endorsed
    // for the old one must be taken back first.
    const other = endorsementsOf(ctx.doc, actor.userId).find(
      (e) => organisationKey(e.organisation) !== key,
    );
    if (other) {
      refuse(
        409,
        ErrorCode.invalidState,
        `You endorsed for ${other.organisation} in this meeting; take that back first`,
      );
    }
    const endorsement: Endorsement = {
      userId: actor.userId,
      name: actor.name,
      organisation: actor.organisation,
      key,
      orgType: actor.orgType,
      at: ctx.now,
    };
    patchRecommendation(r.map, { endorsements: [...r.rec.endorsements, endorsement] });
    return { recId };
  },

  'rec.unendorse'(ctx, { recId }) {
    const r = findRec(ctx.doc, recId);
    const key = organisationKey(ctx.actor.organisation);
    // The organisation's endorsement (any of its members may take it back), else one the actor
    // gave for an organisation the chair has since changed.
    let kept = r.rec.endorsements.filter((e) => organisationKey(e.organisation) !== key);
    if (kept.length === r.rec.endorsements.length) {
      kept = r.rec.endorsements.filter((e) => e.userId !== ctx.actor.userId);
    }
    if (kept.length === r.rec.endorsements.length) {
      refuse(
        409,
        ErrorCode.invalidState,
        `${ctx.actor.organisation} does not endorse this recommendation`,
      );
    }
    patchRecommendation(r.map, { endorsements: kept });
    return { recId };
  },

  'rec.remove'(ctx, { recId }) {
    const r = findRec(ctx.doc, recId);
    setRecommendationRemoved(r.map, ctx.now);
    return { recId, title: r.rec.title };
  },

  'rec.restore'(ctx, { recId }) {
    const r = findAnyRec(ctx.doc, recId);
    if (!r.removed) refuse(409, ErrorCode.invalidState, `“${r.rec.title}” was not removed`);
    if (findItem(ctx.doc, r.rec.agendaItemId).item.status === 'removed') {
      refuse(409, ErrorCode.invalidState, 'Its agenda item was removed');
    }
    setRecommendationRemoved(r.map, null);
    return { recId, title: r.rec.title };
  },
};

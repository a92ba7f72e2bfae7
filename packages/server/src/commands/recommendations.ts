import type * as Y from 'yjs';
import {
  ErrorCode,
  insertRecommendation,
  meetingRoots,
  patchRecommendation,
  readRecommendation,
  setRecommendationRemoved,
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

interface LocatedRec {
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
function findRec(doc: Y.Doc, recId: string): LocatedRec {
  const r = findAnyRec(doc, recId);
  if (r.removed) refuse(409, ErrorCode.invalidState, `“${r.rec.title}” was removed`);
  return r;
}

/**
 * The key an organisation is compared by: organisation names are free text
 * on accounts, so "UNDP " and "undp" are the same organisation.
 */
export function organisationKey(organisation: string): string {
  return organisation.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
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
    patchRecommendation(r.map, { title });
    return { recId };
  },

  'rec.setStatus'(ctx, { recId, status }) {
    const r = findRec(ctx.doc, recId);
    // Any status may follow any other: a chair moves a text back to draft when talks reopen.
    if (r.rec.status !== status) patchRecommendation(r.map, { status });
    return { recId };
  },

  'rec.endorse'(ctx, { recId }) {
    const r = findRec(ctx.doc, recId);
    if (r.rec.status === 'withdrawn')
      refuse(409, ErrorCode.invalidState, 'A withdrawn recommendation cannot be endorsed');
    const { actor } = ctx;
    const key = organisationKey(actor.organisation);
    if (r.rec.endorsements.some((e) => organisationKey(e.organisation) === key)) {
      refuse(
        409,
        ErrorCode.duplicate,
        `${actor.organisation} already endorses this recommendation`,
      );
    }
    const endorsement = {
      userId: actor.userId,
      organisation: actor.organisation,
      orgType: actor.orgType,
      at: ctx.now,
    };
    patchRecommendation(r.map, { endorsements: [...r.rec.endorsements, endorsement] });
    return { recId };
  },

  'rec.unendorse'(ctx, { recId }) {
    const r = findRec(ctx.doc, recId);
    const key = organisationKey(ctx.actor.organisation);
    const kept = r.rec.endorsements.filter((e) => organisationKey(e.organisation) !== key);
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

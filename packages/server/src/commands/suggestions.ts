import {
  ErrorCode,
  decideSuggestions,
  organisationKey,
  patchMeeting,
  patchRecommendation,
  recommendationText,
} from '@kenes/shared';
import { refuse, type DecidedSuggestion, type Handlers } from './context.js';
import { findRec } from './recommendations.js';

/**
 * Suggestions (issue 18): the chair sets texts (or the meeting) to
 * "suggestions only" for participants — the guard then accepts only
 * suggestion marks from them — and accepts or rejects suggestions. A
 * decision is one transaction: accepting an insertion drops its mark,
 * rejecting it deletes its text; a deletion the other way round.
 */
export const suggestionHandlers: Pick<
  Handlers,
  'meeting.suggestionsOnly' | 'rec.suggestionSettings' | 'suggestion.decide'
> = {
  'meeting.suggestionsOnly'(ctx, { on }) {
    patchMeeting(ctx.doc, { suggestionsOnly: on });
  },

  'rec.suggestionSettings'(ctx, { recId, suggestionsOnly, proposerDecides }) {
    const r = findRec(ctx.doc, recId);
    if (suggestionsOnly === undefined && proposerDecides === undefined)
      refuse(409, ErrorCode.invalidState, 'Nothing to change');
    const patch: { suggestionsOnly?: boolean; proposerDecides?: boolean } = {};
    if (suggestionsOnly !== undefined) patch.suggestionsOnly = suggestionsOnly;
    if (proposerDecides !== undefined) patch.proposerDecides = proposerDecides;
    patchRecommendation(r.map, patch);
    return { recId, title: r.rec.title };
  },

  'suggestion.decide'(ctx, { recId, decision, suggestionId, organisation }) {
    const r = findRec(ctx.doc, recId);
    const { actor } = ctx;
    const mayDecide =
      actor.role === 'chair' || (r.rec.proposerDecides && r.rec.proposerId === actor.userId);
    if (!mayDecide)
      refuse(403, ErrorCode.forbidden, 'Only the chair (or the proposer, if allowed) decides');
    // An agreed text is locked: its pending suggestions wait until the chair sets it back.
    if (r.rec.status === 'agreed')
      refuse(409, ErrorCode.invalidState, `“${r.rec.title}” is agreed; set it back to decide`);
    const fragment = recommendationText(ctx.doc, recId);
    if (!fragment) refuse(404, ErrorCode.notFound, `No text for ${recId}`);
    const orgOf = (userId: string): string => ctx.inputs.organisations?.get(userId) ?? '';
    const orgKey = organisation === undefined ? null : organisationKey(organisation);
    const decided = decideSuggestions(
      fragment,
      (s) =>
        suggestionId !== undefined
          ? s.id === suggestionId
          : orgKey === null || organisationKey(orgOf(s.by)) === orgKey,
      decision,
    );
    // Nothing matched: a stale screen (someone decided first) — say so, write nothing.
    if (decided.length === 0)
      refuse(409, ErrorCode.stale, 'No such pending suggestion (already decided?)');
    const out: DecidedSuggestion[] = decided.map((s) => ({
      id: s.id,
      kind: s.kind,
      by: s.by,
      organisation: orgOf(s.by),
      text: s.text.slice(0, 500),
    }));
    return { recId, title: r.rec.title, decided: out };
  },
};

import * as Y from 'yjs';
import {
  lockedRecommendationIds,
  suggestionKindOfKey,
  suggestionsOnlyTexts,
  type EditorRules,
  type SuggestionsOnly,
} from '@kenes/shared';
import { mayEditTexts, type GuardContext, type GuardVerdict } from '../sync/interfaces.js';
import { ContentRef, TypeRef, decodeUpdateStrict, type DecodedStruct } from './decodeUpdate.js';
import { integrationOrder } from './integrationOrder.js';
import type { GuardLimits } from './limits.js';
import { deny } from './GuardDenial.js';
import { RegionIndex, type YType } from './RegionIndex.js';
import { resolveParent, type Placement } from './resolveParent.js';
import { scanDeletions } from './scanDeletions.js';
import { checkSchema } from './schemaCheck.js';
import { StructLookup } from './StructLookup.js';
import type { SuggestionShadows } from './suggestionCheck.js';

/**
 * Content kinds a client may write inside a texts fragment: what Tiptap's
 * y-prosemirror binding produces (elements, text runs, marks as formats,
 * attributes as any-values) plus deleted content (sync of deleted items).
 * Everything else (embeds, JSON, binary, subdocuments, maps, arrays, nested
 * fragments, hooks) is denied: deny by default. Where each kind may sit
 * and what it may hold is then the editor schema's say ({@link checkSchema}).
 */
const ALLOWED_CONTENT: ReadonlySet<number> = new Set([
  ContentRef.deleted,
  ContentRef.string,
  ContentRef.format,
  ContentRef.any,
  ContentRef.type,
]);
const ALLOWED_TYPES: ReadonlySet<number> = new Set([TypeRef.xmlElement, TypeRef.xmlText]);

/**
 * The guard's whole decision on one update, throwing a GuardDenial on the
 * first broken rule. Pure: reads `doc`, never writes it (no `applyUpdate`, no
 * `getMap`, no item splits), so a denied update leaves no trace.
 *
 * Order: form and caps (everyone), dependencies (everyone: a no-op that
 * Yjs would park as pending is not a no-op), emptiness (a no-op is fine for
 * observers and closed meetings), then role and status, client-id binding,
 * and the region of every new item and every effective deletion (inside a
 * texts fragment, and not the text of a removed or agreed recommendation).
 */
export function checkUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  ctx: GuardContext,
  limits: GuardLimits,
  rules: EditorRules,
  shadows?: SuggestionShadows,
): GuardVerdict {
  const decoded = decodeUpdateStrict(update, limits);
  const lookup = new StructLookup(doc, decoded);
  const fresh = integrationOrder(doc, decoded, lookup);
  const deletions = scanDeletions(doc, decoded, lookup);

  if (fresh.length === 0 && deletions.length === 0) return { ok: true, empty: true, clientIds: [] };

  // Once per check, and only here: an empty update never reads the records.
  const locked = lockedRecommendationIds(doc);
  const regions = new RegionIndex(doc, locked.removed, locked.agreed);
  const mayEdit = mayEditTexts(ctx.principal);
  const cleanupOnly =
    fresh.length === 0 && deletions.every((item) => isFormatCleanup(item, regions));
  if (!mayEdit || ctx.meetingStatus === 'closed') {
    // Yjs itself writes on every client that receives someone's formatting:
    // `cleanupYTextAfterTransaction` deletes redundant format items in a
    // new local transaction, and the provider sends that update. An
    // observer does this without touching anything, so such an update is
    // not denied but ignored (reported empty: the sync layer applies
    // nothing; the room's own doc runs the same cleanup).
    if (cleanupOnly) return { ok: true, empty: true, clientIds: [] };
    if (!mayEdit) {
      if (ctx.principal.kind === 'display') deny('display_read_only');
      deny('read_only_role', ctx.principal.role);
    }
    deny('meeting_closed');
  }
  // A removed or agreed recommendation's text is read-only to everyone, so the
  // same cleanup of it is ignored too; any other write there is denied below.
  if (cleanupOnly && deletions.some((item) => regions.isLockedText(item.parent as YType))) {
    return { ok: true, empty: true, clientIds: [] };
  }

  const clientIds = checkClientIds(fresh, doc, ctx);

  const placements = new Map<DecodedStruct, Placement>();
  for (const s of fresh) {
    if (s.kind === 'gc') {
      // A GC struct only reserves clocks of its (sender-bound) client: Yjs
      // adds it to the store and nothing else. Honest clients send them in
      // sync step 2 for content they deleted while offline.
      placements.set(s, { kind: 'inert' });
      continue;
    }
    // Where first, then what: "writes control root 'agenda'" is the more
    // useful reason for a Y.Map pushed onto the agenda.
    const placement = resolveParent(s, lookup, regions, placements, limits);
    if (
      !ALLOWED_CONTENT.has(s.contentRef) ||
      (s.contentRef === ContentRef.type && !ALLOWED_TYPES.has(s.typeRef))
    ) {
      deny('content_kind', s.contentRef, s.typeRef);
    }
    if (placement.kind === 'inside') checkSchema(s, placement, placements, regions, rules);
    const state = lookup.docState(s.client);
    if (s.clock < state && placement.kind === 'inside') checkOverlap(s, state, placement, lookup);
    placements.set(s, placement);
  }

  for (const item of deletions) {
    // Store items always have a type parent.
    const parent = item.parent as YType;
    if (!regions.isWritable(parent, item.parentSub))
      regions.denyOutside(parent, item.parentSub, 'delete');
  }
  if (shadows) checkSuggestions(doc, update, ctx, fresh, deletions, placements, regions, shadows);
  return { ok: true, empty: false, clientIds };
}

/**
 * Suggestion marks (issue 18): checked on a shadow copy of the doc, and only
 * when there is something to check — the update writes or removes a
 * suggestion format, or a participant writes a "suggestions only" text. A
 * keystroke in an ordinary text costs one scan of the update's structs.
 */
function checkSuggestions(
  doc: Y.Doc,
  update: Uint8Array,
  ctx: GuardContext,
  fresh: DecodedStruct[],
  deletions: Y.Item[],
  placements: ReadonlyMap<DecodedStruct, Placement>,
  regions: RegionIndex,
  shadows: SuggestionShadows,
): void {
  let only: SuggestionsOnly | null = null;
  if (ctx.principal.role === 'participant') {
    const texts = suggestionsOnlyTexts(doc);
    if (texts.all || texts.ids.size > 0) only = texts;
  }
  const strict = (recId: string | null): boolean =>
    only !== null && (only.all || (recId !== null && only.ids.has(recId)));
  const touchesStrict =
    only !== null &&
    (only.all ||
      [...placements.values()].some(
        (p) =>
          p.kind === 'inside' &&
          // A parent this update creates lies somewhere new: check it.
          (!(p.parent instanceof Y.AbstractType) || strict(regions.of(p.parent).text)),
      ) ||
      deletions.some((item) => strict(regions.of(item.parent as YType).text)));
  if (!touchesStrict && !writesSuggestionFormat(fresh, deletions)) return;
  shadows.check(doc, update, { userId: ctx.principal.userId, strict });
}

function writesSuggestionFormat(fresh: DecodedStruct[], deletions: Y.Item[]): boolean {
  for (const s of fresh)
    if (s.kind !== 'gc' && s.contentRef === ContentRef.format && isSuggestionKey(s.formatKey))
      return true;
  for (const item of deletions)
    if (item.content instanceof Y.ContentFormat && isSuggestionKey(item.content.key)) return true;
  return false;
}

function isSuggestionKey(key: string | null): boolean {
  return key !== null && suggestionKindOfKey(key) !== null;
}

/**
 * Client-id binding. Reusing another user's client id silently drops that
 * user's later edits (Yjs thinks it already has them), so new structs may
 * only carry ids bound to the sender or to nobody yet. The server's own
 * client id (the doc's) is never a client's: its items live in the control
 * roots, and extending them is how an overlap could splice into them.
 */
function checkClientIds(fresh: DecodedStruct[], doc: Y.Doc, ctx: GuardContext): number[] {
  const ids = new Set<number>();
  for (const s of fresh) ids.add(s.client);
  let unbound = 0;
  for (const id of ids) {
    // An honest client hits these only by chance or because its id was
    // stolen: it re-keys and resends, so the denial says which.
    if (id === doc.clientID) deny('server_client_id', id);
    const owner = ctx.clientOwner(id);
    if (owner !== undefined && owner !== ctx.principal.userId) deny('foreign_client_id', id);
    if (owner === undefined) unbound++;
  }
  // Every new id lands in every client's state vector for good: a member
  // may bind only so many (one per page load that writes is the honest rate).
  if (unbound > 0 && ctx.clientIdRoom) {
    const room = ctx.clientIdRoom();
    if (unbound > room.user) deny('member_client_ids');
    if (unbound > room.meeting) deny('meeting_client_ids');
  }
  return [...ids];
}

/** A deletion Yjs's formatting cleanup makes: a format item inside a texts fragment (removed or not). */
function isFormatCleanup(item: Y.Item, regions: RegionIndex): boolean {
  // Store items always have a type parent.
  return (
    item.content instanceof Y.ContentFormat &&
    regions.isInside(item.parent as YType, item.parentSub)
  );
}

/**
 * A struct that starts before the doc's state (partly known). Yjs
 * integrates only its new part, linked right after the doc's last struct of
 * that client (`Item.integrate` with an offset), but under the parent taken
 * from the *written* origin. Were those two parents different, the new part
 * would be spliced into the other parent's list (a control root, say). An
 * honest resend has one parent for both; anything else is denied.
 */
function checkOverlap(
  s: DecodedStruct,
  state: number,
  placement: Placement & { kind: 'inside' },
  lookup: StructLookup,
): void {
  const prev = lookup.docStruct(s.client, state - 1);
  if (
    !(prev instanceof Y.Item) ||
    prev.parent !== placement.parent ||
    prev.parentSub !== placement.parentSub
  ) {
    deny('overlap_other_parent');
  }
}

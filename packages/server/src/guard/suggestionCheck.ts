import * as Y from 'yjs';
import {
  ROOT,
  isSuggestionMark,
  suggestionKindOfKey,
  suggestionMarkSignature,
  suggestionTime,
  type SuggestionKind,
  type SuggestionMark,
} from '@kenes/shared';
import { deny } from './GuardDenial.js';
import type { YType } from './RegionIndex.js';

/**
 * What a member may do to suggestion marks (issue 18), checked on what the
 * update *does* to the text, not on its bytes: a character's marks are the
 * Yjs format items to its left, and where a new item lands (and so which
 * formats cover it) is decided by Yjs's integration, concurrent items
 * included. So the update is applied to a shadow copy of the room's doc
 * ({@link SuggestionShadow}) and every touched text is walked once, reading
 * each run's marks before and after the update.
 *
 * Rules, for the sender `by`:
 * - **Always** (any text, any role): a run that newly carries an `insertion`
 *   or `deletion` mark must carry the sender's own (`by` = sender, id
 *   `<sender>:<random>`). y-prosemirror rewrites formats around an edit and
 *   may re-state someone else's mark where it already was: that is fine, a
 *   run whose mark did not change is not the sender's doing.
 * - **Always**: a mark of the sender's that is new to the text (no run of it
 *   carried that mark — id, suggester and time — before) and says when it was
 *   made (`at`) must say a time within the tolerance of the server's clock,
 *   so a suggestion's time cannot be forged far from the truth. A mark
 *   without a time is accepted (old clients; it shows no time); continuing
 *   or re-stating an existing mark keeps its time, however old.
 * - **Suggestions only** (`strict`): new text must be the sender's insertion;
 *   existing text may not be deleted unless it is the sender's own pending
 *   insertion (withdrawing it); existing text keeps every mark as it was,
 *   except that the sender may mark it as their deletion or withdraw their own
 *   deletion, and may reformat their own pending insertion; no element is
 *   created, deleted or re-attributed (new paragraphs are not suggestions yet).
 */
export interface SuggestionRules {
  /** The sender's user id. */
  userId: string;
  /** True when the text of this recommendation is "suggestions only" for the sender. */
  strict(recId: string): boolean;
}

/** The server's clock, for the times new marks carry. */
export interface SuggestionClock {
  /** Server time, epoch ms. */
  now(): number;
  /** How far a new mark's `at` may lie from `now()`, ms. */
  toleranceMs: number;
}

/** The rules and the time of one check. */
export interface SuggestionInspection extends SuggestionRules {
  now: number;
  toleranceMs: number;
}

/**
 * Inspects the transaction that applied an update to the shadow doc (called
 * from its `afterTransaction`, before Yjs's own formatting cleanup and GC, so
 * deleted items still hold their content). Throws a GuardDenial.
 */
export function inspectSuggestions(tr: Y.Transaction, rules: SuggestionInspection): void {
  const doc = tr.doc;
  const textsMap = doc.share.get(ROOT.texts);
  if (textsMap === undefined) return;
  const recOf = recOfType(textsMap);
  const before = tr.beforeState;
  const isNew = (item: Y.Item): boolean => item.id.clock >= (before.get(item.id.client) ?? 0);
  const walk = new Map<Y.XmlText, boolean>();

  const touch = (item: Y.Item): void => {
    const parent = item.parent as YType;
    const recId = recOf(parent);
    if (recId === null) return;
    const strict = rules.strict(recId);
    if (parent instanceof Y.XmlText && item.parentSub === null) {
      // Outside "suggestions only", only a suggestion format (new, or deleted:
      // that can stretch a neighbour's mark) can change who a run names.
      const content = item.content;
      if (
        strict ||
        (content instanceof Y.ContentFormat && suggestionKindOfKey(content.key) !== null)
      )
        walk.set(parent, strict);
      return;
    }
    if (strict) deny('suggestion_structure');
  };

  for (const [client, after] of tr.afterState) {
    const from = before.get(client) ?? 0;
    if (after === from) continue;
    const structs = doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const s = structs[i];
      if (s instanceof Y.Item) touch(s);
    }
  }
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (s instanceof Y.Item && !isNew(s)) touch(s);
  });

  for (const [text, strict] of walk) walkText(text, tr, isNew, rules, strict);
}

/** The recommendation id whose fragment holds `type`, or null (memoised per inspection). */
function recOfType(textsMap: YType) {
  const memo = new Map<YType, string | null>();
  const recOf = (type: YType): string | null => {
    const known = memo.get(type);
    if (known !== undefined) return known;
    const item = type._item;
    let found: string | null = null;
    if (item !== null) {
      if (item.parent === textsMap) found = item.parentSub;
      else if (item.parent instanceof Y.AbstractType) found = recOf(item.parent);
    }
    memo.set(type, found);
    return found;
  };
  return recOf;
}

/** A run of characters and the formats in effect on it (a snapshot shared by runs). */
interface Run {
  text: string;
  attrs: ReadonlyMap<string, unknown>;
}

/**
 * The sender's marks new to this text must be dated near the server's clock.
 * The common case costs one look at each distinct run snapshot: only a mark
 * dated out of tolerance makes it collect the marks the text held before.
 */
function checkTimes(
  after: readonly Run[],
  rules: SuggestionInspection,
  before: () => readonly Run[],
): void {
  let held: Set<string> | null = null;
  for (const { kind, mark } of marksOf(after)) {
    if (mark.by !== rules.userId) continue;
    const at = suggestionTime(mark);
    if (at === null || Math.abs(at - rules.now) <= rules.toleranceMs) continue;
    held ??= heldMarks(before());
    if (!held.has(`${kind}=${suggestionMarkSignature(mark)}`)) deny('suggestion_bad_time', kind);
  }
}

/** Every suggestion mark (kind and signature) the runs carry. */
function heldMarks(runs: readonly Run[]): Set<string> {
  const out = new Set<string>();
  for (const { kind, mark } of marksOf(runs)) out.add(`${kind}=${suggestionMarkSignature(mark)}`);
  return out;
}

/** The well-formed suggestion marks of the runs, read once per formats snapshot. */
function* marksOf(runs: readonly Run[]): Generator<{ kind: SuggestionKind; mark: SuggestionMark }> {
  let last: ReadonlyMap<string, unknown> | null = null;
  for (const run of runs) {
    if (run.attrs === last) continue;
    last = run.attrs;
    for (const [key, v] of run.attrs) {
      const kind = suggestionKindOfKey(key);
      if (kind !== null && isSuggestionMark(v)) yield { kind, mark: v };
    }
  }
}

/**
 * Checks one text's runs before and after the update, comparing what a
 * reader sees — not which Yjs item holds which character: y-prosemirror
 * writes a change back by a plain string diff, so typing " " after "Hello "
 * may create the item for the *second* space and move the mark onto the
 * first. Characters and marks are what counts.
 *
 * Only the stretch the update changed is read ({@link readRuns}): around
 * it, the text reads the same before and after, so every rule holds there
 * exactly when it holds on the stretch — but for one: a change to someone
 * else's marked text, where only the whole text tells (the slow path).
 */
function walkText(
  text: Y.XmlText,
  tr: Y.Transaction,
  isNew: (item: Y.Item) => boolean,
  rules: SuggestionInspection,
  strict: boolean,
): void {
  const { userId } = rules;
  const changed = readRuns(text, tr, isNew, true);
  if (changed === null) return;
  const { before, after } = changed;
  for (const run of after)
    for (const [key, v] of run.attrs) {
      const kind = suggestionKindOfKey(key);
      if (kind !== null && !isSuggestionMark(v)) deny('suggestion_bad_id', kind);
    }
  // Nobody adds or changes a mark in someone else's name (deleting their text
  // is an edit like any other, where direct edits are allowed).
  // The whole text, read only on the slow paths, and then once.
  let wholeRuns: { before: Run[]; after: Run[] } | null = null;
  const whole = () => (wholeRuns ??= readRuns(text, tr, isNew, false)!);
  const others = memoBy((r: Run) => othersSignature(r, userId));
  if (!sameRuns(project(after, others), project(before, others))) {
    const { before: wasWhole, after: nowWhole } = whole();
    if (!isSubsequence(project(nowWhole, others), project(wasWhole, others)))
      deny('suggestion_forged', forgedKind(nowWhole, userId));
  }
  // A mark dated out of tolerance is looked for in the whole text as it was.
  checkTimes(after, rules, () => whole().before);
  if (!strict) return;
  // Suggestions only: leave out one's own pending insertions (added or withdrawn
  // freely); what is left reads the same, but for one's own deletion marks.
  const plain = memoBy((r: Run) => plainSignature(r.attrs, userId));
  const plainBefore = project(before, plain);
  const plainAfter = project(after, plain);
  const b = joined(plainBefore);
  const a = joined(plainAfter);
  if (a.length < b.length) deny('suggestion_direct_delete');
  if (a.length > b.length) deny('suggestion_unmarked');
  if (!sameRuns(plainAfter, plainBefore)) deny('suggestion_direct_edit');
}

/**
 * The runs of `text` before and after the transaction: all of them, or
 * (`changed`) only from the first item the update created or deleted to
 * where, past the last one, the formats in effect are the same again on
 * both sides — null when it changed nothing here. A busy text (50 members
 * suggesting in one paragraph) is then read only where a keystroke landed;
 * the walk over its items allocates nothing outside that stretch.
 */
function readRuns(
  text: Y.XmlText,
  tr: Y.Transaction,
  isNew: (item: Y.Item) => boolean,
  changed: boolean,
): { before: Run[]; after: Run[] } | null {
  const isChange = (item: Y.Item): boolean =>
    isNew(item) || (item.deleted && Y.isDeleted(tr.deleteSet, item.id));
  let first: Y.Item | null = text._start;
  let last: Y.Item | null = null;
  if (changed) {
    first = null;
    for (let item = text._start; item !== null; item = item.right) {
      if (!isChange(item)) continue;
      first ??= item;
      last = item;
    }
    if (first === null) return null;
  }
  // Before the stretch both sides read alike: one map, changed in place.
  const common = new Map<string, unknown>();
  for (let item = text._start; item !== first && item !== null; item = item.right)
    if (!item.deleted && item.content instanceof Y.ContentFormat) setFormat(common, item.content);

  let was: ReadonlyMap<string, unknown> = common;
  let now: ReadonlyMap<string, unknown> = common;
  let pastLast = last === null;
  const before: Run[] = [];
  const after: Run[] = [];
  for (let item = first; item !== null; item = item.right) {
    if (pastLast && changed && sameFormats(was, now)) break;
    if (item === last) pastLast = true;
    const created = isNew(item);
    const deletedNow = !created && item.deleted && Y.isDeleted(tr.deleteSet, item.id);
    const aliveBefore = !created && (!item.deleted || deletedNow);
    const aliveAfter = !item.deleted;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      // Copy on write: runs keep the snapshot they were read with. While the
      // formats before and after are the same, they are one object, so a
      // run's signature is worked out once for both sides.
      if (aliveBefore && aliveAfter && was === now) was = now = withFormat(was, content);
      else {
        if (aliveBefore) was = withFormat(was, content);
        if (aliveAfter) now = withFormat(now, content);
      }
      continue;
    }
    // Only strings reach here in a schema-checked text (embeds are denied).
    if (!(content instanceof Y.ContentString)) continue;
    if (aliveBefore) before.push({ text: content.str, attrs: was });
    if (aliveAfter) after.push({ text: content.str, attrs: now });
  }
  return { before, after };
}

/** True when both hold the same formats with the same values. */
function sameFormats(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [key, v] of a) if (b.get(key) !== v) return false;
  return true;
}

/** Sets (or, for an ending format, removes) `format` in `attrs`. */
function setFormat(attrs: Map<string, unknown>, format: Y.ContentFormat): void {
  if (format.value === null || format.value === undefined) attrs.delete(format.key);
  else attrs.set(format.key, format.value);
}

/**
 * The formats in effect after `format`: a copy with its key set, or removed
 * when it ends a range (value null). Only formats in effect are kept: with a
 * key per suggestion, the ended ones would pile up and every run would carry
 * every suggestion the text ever had (50 writers: 50 keys read per run).
 */
function withFormat(
  attrs: ReadonlyMap<string, unknown>,
  format: Y.ContentFormat,
): Map<string, unknown> {
  const next = new Map(attrs);
  setFormat(next, format);
  return next;
}

/** `signature` worked out once per formats object (runs before and after share most of them). */
function memoBy(signature: (run: Run) => string | null): (run: Run) => string | null {
  const known = new Map<ReadonlyMap<string, unknown>, string | null>();
  return (run) => {
    let sig = known.get(run.attrs);
    if (sig === undefined) {
      sig = signature(run);
      known.set(run.attrs, sig);
    }
    return sig;
  };
}

/** A format value as text, once per value object (the doc keeps its values as they are). */
const valueTexts = new WeakMap<object, string>();
function valueText(v: unknown): string {
  if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? '';
  let text = valueTexts.get(v);
  if (text === undefined) {
    text = JSON.stringify(v);
    valueTexts.set(v, text);
  }
  return text;
}

/** Runs of the characters `signature` keeps (null drops), adjacent equal signatures merged. */
function project(
  runs: readonly Run[],
  signature: (run: Run) => string | null,
): Array<{ text: string; sig: string }> {
  const out: Array<{ text: string; sig: string }> = [];
  let lastAttrs: ReadonlyMap<string, unknown> | null = null;
  let lastSig: string | null = null;
  for (const run of runs) {
    if (run.attrs !== lastAttrs) {
      lastAttrs = run.attrs;
      lastSig = signature(run);
    }
    if (lastSig === null || run.text === '') continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.sig === lastSig) prev.text += run.text;
    else out.push({ text: run.text, sig: lastSig });
  }
  return out;
}

/**
 * Characters carrying a suggestion mark by someone else: keyed by those
 * marks; else dropped. Read by position, never by item: the binding's string
 * diff may give a twin character's item the marks (see {@link walkText}).
 */
function othersSignature(run: Run, userId: string): string | null {
  const parts: string[] = [];
  for (const [key, v] of run.attrs) {
    const kind = suggestionKindOfKey(key);
    if (kind !== null && v !== null && markBy(v) !== userId) parts.push(`${kind}=${markText(v)}`);
  }
  return parts.length === 0 ? null : parts.sort().join(';');
}

/**
 * A suggestion format's value as a reader tells marks apart: a well-formed
 * mark by its signature (so `at: null`, which the editor fills in on marks
 * from before times were kept and the binding then writes back, reads as
 * the same mark), anything else as its JSON.
 */
function markText(v: unknown): string {
  return isSuggestionMark(v) ? suggestionMarkSignature(v) : valueText(v);
}

/** Characters that are not one's own pending insertion: every format, one's own deletions left out. */
function plainSignature(attrs: ReadonlyMap<string, unknown>, userId: string): string | null {
  const parts: string[] = [];
  for (const [key, v] of attrs) {
    if (v === null || v === undefined) continue;
    const kind = suggestionKindOfKey(key);
    if (kind === 'insertion' && markBy(v) === userId) return null;
    if (kind === 'deletion' && markBy(v) === userId) continue;
    parts.push(`${kind ?? key}=${kind === null ? valueText(v) : markText(v)}`);
  }
  return parts.sort().join(';');
}

function joined(runs: ReadonlyArray<{ text: string }>): string {
  let s = '';
  for (const r of runs) s += r.text;
  return s;
}

function sameRuns(
  a: ReadonlyArray<{ text: string; sig: string }>,
  b: ReadonlyArray<{ text: string; sig: string }>,
): boolean {
  return a.length === b.length && a.every((r, i) => r.text === b[i]?.text && r.sig === b[i]?.sig);
}

/** True when the characters of `sub` (with their signatures) occur in order in `of`. */
function isSubsequence(
  sub: ReadonlyArray<{ text: string; sig: string }>,
  of: ReadonlyArray<{ text: string; sig: string }>,
): boolean {
  let j = 0;
  let k = 0;
  for (const run of sub) {
    for (const ch of run.text) {
      for (;;) {
        const r = of[j];
        if (r === undefined) return false;
        if (k >= r.text.length) {
          j++;
          k = 0;
          continue;
        }
        const match = r.text[k] === ch && r.sig === run.sig;
        k++;
        if (match) break;
      }
    }
  }
  return true;
}

function forgedKind(after: readonly Run[], userId: string): SuggestionKind {
  for (const run of after)
    for (const [key, v] of run.attrs)
      if (suggestionKindOfKey(key) === 'insertion' && v !== null && markBy(v) !== userId)
        return 'insertion';
  return 'deletion';
}

function markBy(value: unknown): string | null {
  return isSuggestionMark(value) ? value.by : null;
}

/**
 * A copy of one room's doc that follows it (every update the room applies is
 * applied here too; a repeat is a no-op for Yjs), onto which the guard applies
 * an update it is checking. Whatever the guard applied and the room then did
 * not (a denial, a quota, a store failure) makes the copy wrong: it is then
 * dropped ({@link SuggestionShadows.forget}) and rebuilt on next use.
 */
export class SuggestionShadow {
  private readonly copy = new Y.Doc();
  private readonly follow = (update: Uint8Array): void => Y.applyUpdate(this.copy, update);

  constructor(private readonly doc: Y.Doc) {
    Y.applyUpdate(this.copy, Y.encodeStateAsUpdate(doc));
    doc.on('update', this.follow);
  }

  /** Applies `update` to the copy and inspects what it did; throws a GuardDenial. */
  check(update: Uint8Array, rules: SuggestionInspection): void {
    let failure: unknown = null;
    const inspect = (tr: Y.Transaction): void => {
      this.copy.off('afterTransaction', inspect);
      try {
        inspectSuggestions(tr, rules);
      } catch (err) {
        failure = err;
      }
    };
    this.copy.on('afterTransaction', inspect);
    try {
      Y.applyUpdate(this.copy, update);
    } finally {
      this.copy.off('afterTransaction', inspect);
    }
    if (failure !== null) throw failure;
  }

  dispose(): void {
    this.doc.off('update', this.follow);
    this.copy.destroy();
  }
}

/** The shadows of the rooms a guard has checked suggestions in, built on first need. */
export class SuggestionShadows {
  private readonly shadows = new WeakMap<Y.Doc, SuggestionShadow>();

  constructor(private readonly clock: SuggestionClock) {}

  /** Checks `update` against `doc`'s shadow; on any failure the shadow is dropped. */
  check(doc: Y.Doc, update: Uint8Array, sender: SuggestionRules): void {
    const rules: SuggestionInspection = {
      ...sender,
      now: this.clock.now(),
      toleranceMs: this.clock.toleranceMs,
    };
    let shadow = this.shadows.get(doc);
    if (shadow === undefined) {
      shadow = new SuggestionShadow(doc);
      this.shadows.set(doc, shadow);
    }
    try {
      shadow.check(update, rules);
    } catch (err) {
      this.forget(doc);
      throw err;
    }
  }

  /** Drops `doc`'s shadow: it may hold an update the room did not apply. */
  forget(doc: Y.Doc): void {
    const shadow = this.shadows.get(doc);
    if (shadow === undefined) return;
    shadow.dispose();
    this.shadows.delete(doc);
  }
}

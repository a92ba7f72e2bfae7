import * as Y from 'yjs';
import {
  ErrorCode,
  meetingRoots,
  readRecommendation,
  recordMap,
  setRecommendationRemoved,
  type RecordMap,
} from '@kenes/shared';
import { refuse, type Handlers } from './context.js';

/**
 * `version.restore`: the recommendations become those of a saved version, as
 * one new server change (audited; the current state is saved as a version
 * first, see `autoVersions.ts`, so nothing is lost):
 *
 * - a recommendation of the version takes back its title, status, `agreedAt`,
 *   the positions frozen at its agreement (`agreedPositions`) and text (the fragment's content is replaced by a copy of the version's);
 *   removed since, it is brought back; gone altogether, it is created again;
 * - a recommendation the version did not hold (or held as removed) is removed
 *   — undoably, as `rec.remove` does, its text kept.
 *
 * Endorsements stay as they are now (they are organisations' acts, not text),
 * and the agenda, queue and record are not rolled back.
 */
export const restoreHandlers: Pick<Handlers, 'version.restore'> = {
  'version.restore'(ctx, { versionId }) {
    const version = ctx.inputs.version;
    if (!version) refuse(404, ErrorCode.notFound, `No version ${versionId}`);
    const old = new Y.Doc();
    try {
      Y.applyUpdate(old, version.snapshot);
      restoreRecommendations(ctx.doc, old, ctx.now);
    } finally {
      old.destroy();
    }
    return { title: version.label };
  },
};

/** Fields of a recommendation record the restore takes from the version. */
const RESTORED_FIELDS = ['title', 'status', 'agreedAt', 'agreedPositions', 'agendaItemId'] as const;

function byId(maps: RecordMap[]): Map<string, RecordMap> {
  return new Map(maps.map((m) => [readRecommendation(m).id, m]));
}

function isRemoved(m: RecordMap): boolean {
  return typeof m.get('removedAt') === 'number';
}

/** Writes the recommendations of `old` into `doc` (inside the command's transaction). */
function restoreRecommendations(doc: Y.Doc, old: Y.Doc, now: number): void {
  const roots = meetingRoots(doc);
  const oldRoots = meetingRoots(old);
  const current = byId(roots.recommendations.toArray());
  const wanted = byId(oldRoots.recommendations.toArray().filter((m) => !isRemoved(m)));

  for (const [id, m] of current) {
    if (!wanted.has(id) && !isRemoved(m)) setRecommendationRemoved(m, now);
  }
  for (const [id, was] of wanted) {
    let m = current.get(id);
    if (!m) {
      roots.recommendations.push([recordMap(Object.fromEntries(was.entries()))]);
      m = roots.recommendations.get(roots.recommendations.length - 1);
    } else {
      for (const key of RESTORED_FIELDS) {
        const value = was.get(key);
        if (value === undefined) m.delete(key);
        else if (JSON.stringify(m.get(key)) !== JSON.stringify(value)) m.set(key, value);
      }
      if (isRemoved(m)) setRecommendationRemoved(m, null);
    }
    replaceText(roots.texts, id, oldRoots.texts.get(id));
  }
}

/**
 * Makes the text `id` hold a copy of `source`'s content. The fragment itself
 * stays (editors bound to it keep working); only its children are replaced,
 * and only when they differ, so an unchanged text is not rewritten.
 */
function replaceText(
  texts: Y.Map<Y.XmlFragment>,
  id: string,
  source: Y.XmlFragment | undefined,
): void {
  let fragment = texts.get(id);
  if (!(fragment instanceof Y.XmlFragment)) {
    fragment = new Y.XmlFragment();
    texts.set(id, fragment);
  }
  if (sameContent(fragment, source)) return;
  const copies = source ? source.toArray().map((node) => node.clone()) : [];
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  if (copies.length > 0) fragment.insert(0, copies as Array<Y.XmlElement | Y.XmlText>);
}

/** True when both fragments serialise alike (elements, attributes, text and its formatting). */
function sameContent(a: Y.XmlFragment, b: Y.XmlFragment | undefined): boolean {
  const bNodes = b ? b.toArray() : [];
  const aNodes = a.toArray();
  if (aNodes.length !== bNodes.length) return false;
  return aNodes.every((node, i) => serialise(node) === serialise(bNodes[i]));
}

function serialise(node: unknown): string {
  if (node instanceof Y.XmlText) return JSON.stringify(node.toDelta());
  if (node instanceof Y.XmlElement)
    return JSON.stringify([node.nodeName, node.getAttributes(), node.toArray().map(serialise)]);
  return '';
}

import * as Y from 'yjs';
import { meetingRoots, readRecommendations } from '@kenes/shared';

type DeleteSet = ReturnType<typeof Y.createDeleteSetFromStructStore>;

/** A recommendation text as this device had it, with edits the server never took. */
export interface UnsentText {
  recId: string;
  /** The recommendation's title when the copy was made (the card may be gone later). */
  title: string;
  /** The whole text as the author saw it, one line per paragraph. */
  text: string;
}

/**
 * The texts of `local` that hold edits `server` lacks: an item the server
 * has not seen, or a deletion of an item the server still shows. `server`
 * is a doc freshly synced from the server; `local` the copy whose write was
 * refused. Only texts with such edits are returned, so a text that merely
 * lags behind others' newer edits is not mistaken for the author's.
 *
 * @example
 * for (const u of unsentTexts(refusedDoc, freshDoc)) keepCopy(u);
 */
export function unsentTexts(local: Y.Doc, server: Y.Doc): UnsentText[] {
  const sv = Y.decodeStateVector(Y.encodeStateVector(server));
  const deleted = Y.createDeleteSetFromStructStore(server.store);
  const titles = new Map(readRecommendations(local).map((r) => [r.id, r.title] as const));
  const out: UnsentText[] = [];
  for (const [recId, fragment] of meetingRoots(local).texts) {
    if (!hasUnsent(fragment, sv, deleted)) continue;
    out.push({ recId, title: titles.get(recId) ?? '', text: plainText(fragment) });
  }
  return out;
}

function hasUnsent<T>(type: Y.AbstractType<T>, sv: Map<number, number>, ds: DeleteSet): boolean {
  for (let item = type._start; item !== null; item = item.right) {
    if (isUnsent(item, sv, ds)) return true;
    if (item.content instanceof Y.ContentType && hasUnsent(item.content.type, sv, ds)) return true;
  }
  // Element attributes live in the type's map, each key a chain of items.
  for (const last of type._map.values()) {
    for (let item: Y.Item | null = last; item !== null; item = item.left) {
      if (isUnsent(item, sv, ds)) return true;
    }
  }
  return false;
}

function isUnsent(item: Y.Item, sv: Map<number, number>, ds: DeleteSet): boolean {
  const { client, clock } = item.id;
  if (clock + item.length > (sv.get(client) ?? 0)) return true;
  if (!item.deleted) return false;
  for (let c = clock; c < clock + item.length; c++) {
    if (!Y.isDeleted(ds, Y.createID(client, c))) return true;
  }
  return false;
}

/** The text of a Tiptap fragment, one line per block (paragraph, heading, list item). */
export function plainText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  const walk = (children: Array<Y.XmlElement | Y.XmlText>) => {
    let line: string | null = null;
    for (const child of children) {
      if (child instanceof Y.XmlText) {
        line = (line ?? '') + textOf(child);
      } else if (child.length > 0 && child.toArray().every((c) => c instanceof Y.XmlText)) {
        lines.push(
          child
            .toArray()
            .map((c) => textOf(c as Y.XmlText))
            .join(''),
        );
      } else if (child.nodeName === 'hardBreak') {
        line = (line ?? '') + '\n';
      } else if (child.length === 0) {
        lines.push('');
      } else {
        walk(child.toArray() as Array<Y.XmlElement | Y.XmlText>);
      }
    }
    if (line !== null) lines.push(line);
  };
  walk(fragment.toArray() as Array<Y.XmlElement | Y.XmlText>);
  return lines.join('\n');
}

function textOf(t: Y.XmlText): string {
  return (t.toDelta() as Array<{ insert?: unknown }>)
    .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
    .join('');
}

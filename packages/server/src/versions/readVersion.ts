import * as Y from 'yjs';
import {
  readMeeting,
  readRecommendations,
  readVisibleAgenda,
  recommendationText,
  type VersionContent,
} from '@kenes/shared';

/** Tiptap's inline line break: a newline inside a block. */
const HARD_BREAK = 'hardBreak';

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** Text of one node: inline children concatenate, block children go on lines of their own. */
function textOf(node: XmlNode): string {
  if (node instanceof Y.XmlText) {
    let out = '';
    // Embeds (non-string inserts) have no text.
    for (const op of node.toDelta() as Array<{ insert?: unknown }>) {
      if (typeof op.insert === 'string') out += op.insert;
    }
    return out;
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === HARD_BREAK) return '\n';
    return joinChildren(node.toArray());
  }
  return '';
}

function joinChildren(children: XmlNode[]): string {
  const blocks = children.some((c) => c instanceof Y.XmlElement && c.nodeName !== HARD_BREAK);
  return children.map(textOf).join(blocks ? '\n' : '');
}

/**
 * The plain text of a recommendation body (a Tiptap `Y.XmlFragment`): what
 * a reader sees, without markup. ('' for a missing fragment.)
 *
 * @example fragmentText(recommendationText(doc, id)) // 'First paragraph\nSecond'
 */
export function fragmentText(fragment: Y.XmlFragment | undefined): string {
  return fragment ? joinChildren(fragment.toArray()) : '';
}

/**
 * Rebuilds the document a version saved and reads it with the shared typed
 * readers. Never throws on odd content (the readers fall back to defaults);
 * throws only when `snapshot` is not a Yjs update at all.
 */
export function readVersionContent(snapshot: Uint8Array): VersionContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, snapshot);
    return {
      meeting: readMeeting(doc),
      agenda: readVisibleAgenda(doc),
      recommendations: readRecommendations(doc).map((rec) => ({
        ...rec,
        text: fragmentText(recommendationText(doc, rec.id)),
      })),
    };
  } finally {
    doc.destroy();
  }
}

import * as Y from 'yjs';
import {
  forEachTextPiece,
  HARD_BREAK,
  holdsBlocks,
  readMeeting,
  readRecommendations,
  readVisibleAgenda,
  recommendationText,
  walkInline,
  type VersionContent,
  type XmlNode,
} from '@kenes/shared';

/** Text of inline content: text nodes concatenate, a line break is a newline. */
function inlineText(children: readonly XmlNode[]): string {
  let out = '';
  walkInline(children, {
    text: (node) => forEachTextPiece(node, (text) => (out += text)),
    lineBreak: () => (out += '\n'),
  });
  return out;
}

/** Text of some siblings: inline content concatenates, blocks go on lines of their own. */
function joinChildren(children: readonly XmlNode[]): string {
  if (!holdsBlocks(children)) return inlineText(children);
  return children
    .map((c) =>
      c instanceof Y.XmlElement && c.nodeName !== HARD_BREAK
        ? joinChildren(c.toArray())
        : inlineText([c]),
    )
    .join('\n');
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

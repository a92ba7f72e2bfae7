import * as Y from 'yjs';
import type { Editor } from '@tiptap/react';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { CommentLimits, parseRelativePosition, type CommentAnchor } from '@kenes/shared';

/** What a new thread is about: the anchor of the selected range and its text. */
export interface SelectedRange {
  anchor: CommentAnchor;
  quote: string;
}

/**
 * The selection of the recommendation editor inside `container`, as a comment
 * anchor: Yjs relative positions through the editor's Yjs binding, so the
 * anchor follows the text through everyone's edits. Null when nothing is
 * selected (or the editor is not bound yet).
 */
export function selectionAnchor(
  container: HTMLElement,
  fragment: Y.XmlFragment,
): SelectedRange | null {
  const dom = container.querySelector('.ProseMirror') as (HTMLElement & { editor?: Editor }) | null;
  const editor = dom?.editor;
  if (!editor) return null;
  const { from, to } = editor.state.selection;
  if (to <= from) return null;
  const sync = ySyncPluginKey.getState(editor.state) as
    { binding?: { mapping?: Map<Y.AbstractType<unknown>, unknown> } } | undefined;
  const mapping = sync?.binding?.mapping;
  if (!mapping) return null;
  const rel = (pos: number) =>
    parseRelativePosition(
      Y.relativePositionToJSON(
        absolutePositionToRelativePosition(pos, fragment, mapping as never) as Y.RelativePosition,
      ),
    );
  const start = rel(from);
  const end = rel(to);
  const quote = editor.state.doc.textBetween(from, to, ' ').trim().slice(0, CommentLimits.quote);
  if (!start || !end || !quote) return null;
  return { anchor: { start, end }, quote };
}

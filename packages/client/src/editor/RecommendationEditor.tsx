import { useEffect, useMemo } from 'react';
import { EditorContent, useEditor, type JSONContent } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { safeFragmentJson } from '@kenes/shared';
import { SchemaGate, useOutsideSchema } from './schemaGate.js';
import { baseExtensions } from './extensions.js';
import { RemoteCarets } from './remoteCarets.js';
import { Suggesting, useRelabel, useSuggestingLive } from './suggestingExtension.js';
import { CommentHighlights } from './commentHighlights.js';
import { SuggestingToolbar } from './SuggestingToolbar.js';
import type { RecommendationEditorProps } from './editorProps.js';
import { markOnce, PerfMark } from '../ui/perfMarks.js';

/**
 * A recommendation's text, live.
 *
 * Editable: Tiptap StarterKit + Collaboration bound to the fragment, with
 * {@link RemoteCarets} showing each person's name and organisation.
 *
 * Read-only: *no* Collaboration binding at all. The sync binding writes the
 * editor's document back to Yjs whenever it differs from an empty one, and
 * a server that refuses an observer's every write closes the socket (4403);
 * so a read-only client renders the fragment as JSON into an uneditable
 * editor and re-renders on each change. Structurally it cannot write.
 */
export function RecommendationEditor(props: RecommendationEditorProps) {
  return <GatedEditor {...props} />;
}

/**
 * Binds the live editor only to a text inside the editor's schema. A text
 * holding anything else (stored before the server checked it) is shown
 * read-only from a sanitised copy, with a notice, to everyone: the binding
 * would delete what it cannot show (see `schemaGate.ts`).
 */
function GatedEditor(props: RecommendationEditorProps) {
  const { t } = useTranslation();
  const outside = useOutsideSchema(props.fragment);
  if (props.editable && outside === null) return <LiveEditor {...props} />;
  return (
    <>
      {outside !== null && (
        <p className="note small editor-notice" role="status">
          {t('recs.outsideSchema')}
        </p>
      )}
      <ReadOnlyText {...props} highlights={outside === null} />
    </>
  );
}

function LiveEditor({ fragment, awareness, label, user, suggesting }: RecommendationEditorProps) {
  const on = suggesting?.on === true || suggesting?.forced === true;
  // Read by the plugins at edit time (set after each render): no rebuild when the mode changes.
  const live = useSuggestingLive(on, suggesting?.describe, suggesting?.now);
  const extensions = useMemo(
    () => [
      Suggesting.configure({
        userId: user.id,
        suggesting: () => live.on,
        now: () => live.now(),
        describe: (id, at) => live.describe(id, at),
      }),
      // First: it checks the fragment before the binding mounts and on every change.
      SchemaGate.configure({ fragment }),
      ...baseExtensions(),
      Collaboration.configure({ fragment }),
      // Other people's carets; my own `user` field is set by the room.
      RemoteCarets.configure({ awareness }),
      CommentHighlights.configure({ fragment, positions: 'binding' }),
    ],
    [fragment, awareness, user.id, live],
  );
  const editor = useEditor(
    {
      extensions,
      // Tiptap's own <style> tag would break the Content-Security-Policy (style-src 'self'): its rules are in styles.css.
      injectCSS: false,
      onCreate: () => markOnce(PerfMark.editor),
      editorProps: {
        attributes: {
          class: 'editor-body',
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
        },
      },
    },
    [extensions],
  );
  useRelabel(editor, suggesting?.describe);
  return (
    <>
      {suggesting && <SuggestingToolbar suggesting={suggesting} />}
      <EditorContent
        editor={editor}
        className="editor"
        data-editable="true"
        data-suggesting={on ? 'true' : 'false'}
      />
    </>
  );
}

function ReadOnlyText({
  fragment,
  label,
  user,
  suggesting,
  highlights,
}: RecommendationEditorProps & {
  /** False for a text shown from a sanitised copy: its nodes no longer match the fragment's. */
  highlights: boolean;
}) {
  const live = useSuggestingLive(false, suggesting?.describe);
  const editor = useEditor(
    {
      extensions: [
        ...baseExtensions(),
        // Labels only: a read-only editor never edits, and the suggesting plugin would take
        // `setContent` for an edit and strip others' marks from what it shows.
        Suggesting.configure({
          userId: user.id,
          suggesting: () => false,
          describe: (id, at) => live.describe(id, at),
          labelsOnly: true,
        }),
        // Its document is the fragment's JSON, node for node: anchors are placed by counting.
        ...(highlights ? [CommentHighlights.configure({ fragment, positions: 'tree' })] : []),
      ],
      editable: false,
      injectCSS: false,
      content: toJson(fragment),
      editorProps: {
        attributes: {
          class: 'editor-body',
          'aria-label': label,
          'aria-readonly': 'true',
          'aria-multiline': 'true',
          role: 'textbox',
        },
      },
    },
    [fragment, highlights],
  );
  useRelabel(editor, suggesting?.describe);
  useEffect(() => {
    if (editor === null) return;
    const render = () => {
      if (!editor.isDestroyed) editor.commands.setContent(toJson(fragment), { emitUpdate: false });
    };
    render();
    fragment.observeDeep(render);
    return () => fragment.unobserveDeep(render);
  }, [editor, fragment]);
  return <EditorContent editor={editor} className="editor" data-editable="false" />;
}

/**
 * The fragment as ProseMirror JSON, only what the editor's schema allows
 * (never throws on hostile content); an empty fragment is one empty paragraph.
 */
function toJson(fragment: Y.XmlFragment): JSONContent {
  const json = safeFragmentJson(fragment).json as JSONContent;
  return json.content && json.content.length > 0
    ? json
    : { type: 'doc', content: [{ type: 'paragraph' }] };
}

import { useEffect, useMemo } from 'react';
import { EditorContent, useEditor, type JSONContent } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { useTranslation } from 'react-i18next';
import { safeFragmentJson } from '@kenes/shared';
import { SchemaGate, useOutsideSchema } from './schemaGate.js';
import { baseExtensions } from './extensions.js';
import { RemoteCarets } from './remoteCarets.js';
import { CommentHighlights } from './commentHighlights.js';

/** Who is typing, for the caret label others see (the server stamps identity anyway). */
export interface CaretUser {
  id: string;
  name: string;
  organisation: string;
  orgType?: string;
  role?: string;
  color: string;
}

/** Props of {@link RecommendationEditor}. */
export interface RecommendationEditorProps {
  /** The recommendation's body: `meetingRoots(doc).texts.get(recId)`. */
  fragment: Y.XmlFragment;
  /** False for observers (and anyone who may not edit): then nothing is ever written. */
  editable: boolean;
  awareness: Awareness | null;
  user: CaretUser;
  /** Accessible name of the text box. */
  label: string;
}

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
      <ReadOnlyText {...props} />
    </>
  );
}

function LiveEditor({ fragment, awareness, label }: RecommendationEditorProps) {
  const extensions = useMemo(
    () => [
      // First: it checks the fragment before the binding mounts and on every change.
      SchemaGate.configure({ fragment }),
      ...baseExtensions(),
      Collaboration.configure({ fragment }),
      // Other people's carets; my own `user` field is set by the room.
      RemoteCarets.configure({ awareness }),
      CommentHighlights.configure({ fragment }),
    ],
    [fragment, awareness],
  );
  const editor = useEditor(
    {
      extensions,
      // Tiptap's own <style> tag would break the Content-Security-Policy (style-src 'self'): its rules are in styles.css.
      injectCSS: false,
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
  return <EditorContent editor={editor} className="editor" data-editable="true" />;
}

function ReadOnlyText({ fragment, label }: RecommendationEditorProps) {
  const editor = useEditor(
    {
      extensions: baseExtensions(),
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
    [fragment],
  );
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

import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { RecommendationEditorProps } from './editorProps.js';
import { useNearScreen } from '../ui/useNearScreen.js';
import { StaticText } from './StaticText.js';
import { SuggestingToolbar } from './SuggestingToolbar.js';

type EditorComponent = (props: RecommendationEditorProps) => ReactNode;

let loaded: EditorComponent | null = null;
let loading: Promise<EditorComponent> | null = null;

/**
 * The live editor (Tiptap, ProseMirror, the Yjs binding), a chunk of its
 * own, loaded once (again after a failure). Kept in a variable rather than
 * behind `React.lazy`, so a card rendered after it arrived mounts the editor
 * at once, without a suspended first render.
 */
function loadEditor(): Promise<EditorComponent> {
  loading ??= import('./RecommendationEditor.js').then(
    (m) => (loaded = m.RecommendationEditor),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
// The room needs it for the texts on screen: start as soon as this module runs.
loadEditor().catch(() => undefined);

/** True once the editor's chunk is in (asked for while `wanted`). */
function useEditorLoaded(wanted: boolean): boolean {
  const [ready, setReady] = useState(() => loaded !== null);
  useEffect(() => {
    if (!wanted || ready) return;
    let live = true;
    loadEditor().then(
      () => live && setReady(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [wanted, ready]);
  return ready || loaded !== null;
}

/** The loaded editor (render only once {@link useEditorLoaded} says so). */
function LoadedEditor(props: RecommendationEditorProps) {
  const Editor = loaded!;
  return <Editor {...props} />;
}

/**
 * A recommendation's text: the live editor once the text is near the screen
 * (an IntersectionObserver), focused or clicked, or when the page is next
 * idle (one editor per idle moment, in the cards' order); until then the
 * same text drawn without an editor ({@link StaticText}), so a meeting with
 * hundreds of texts opens in the time a few editors take. The placeholder
 * keeps the editor's name and role, and can be reached with Tab: focusing it
 * makes the editor and moves the focus into it.
 */
export function RecommendationText(props: RecommendationEditorProps) {
  const box = useRef<HTMLDivElement>(null);
  const [live, goLiveNow] = useNearScreen(box);
  const [focusOnMount, setFocusOnMount] = useState(false);
  const editorLoaded = useEditorLoaded(live);

  useEffect(() => {
    if (!live || !focusOnMount) return;
    // The editor mounts its view after the chunk and React's commit: wait for it.
    let frame = 0;
    let tries = 0;
    const focus = () => {
      const target = box.current?.querySelector<HTMLElement>('.ProseMirror[contenteditable]');
      if (target) {
        target.focus();
        setFocusOnMount(false);
      } else if (tries++ < 120) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, [live, focusOnMount]);

  const goLive = () => {
    goLiveNow();
    setFocusOnMount(true);
  };
  const placeholder = (
    <>
      {props.editable && props.suggesting && <SuggestingToolbar suggesting={props.suggesting} />}
      <div className="editor" data-editable={props.editable ? 'true' : 'false'} data-static="true">
        <div
          className="editor-body static-text"
          role="textbox"
          aria-label={props.label}
          aria-multiline="true"
          aria-readonly={props.editable ? undefined : 'true'}
          tabIndex={0}
          onFocus={goLive}
          onMouseDown={goLive}
        >
          <StaticText fragment={props.fragment} describe={props.suggesting?.describe} />
        </div>
      </div>
    </>
  );
  return (
    <div ref={box} className="rec-text">
      {live && editorLoaded ? <LoadedEditor {...props} /> : placeholder}
    </div>
  );
}
